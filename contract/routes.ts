/**
 * Where each operation of the issuer contract lives: its method and path, by endpoint id.
 * The one place a path is written. The endpoint table (./endpoints) takes its routes from
 * here, and so does the app's client: the table itself names every schema and
 * description, more than an app package should carry for a path. Only literals.
 */
export const ISSUER_ROUTES = {
  createSession: ['POST', '/v1/auth/sessions'],
  refreshSession: ['POST', '/v1/auth/refresh'],
  deleteSession: ['DELETE', '/v1/auth/sessions/current'],
  listCards: ['GET', '/v1/cards'],
  setCardLock: ['PUT', '/v1/cards/{card_id}/lock'],
  getBalance: ['GET', '/v1/cards/{card_id}/balance'],
  getCurrentStatement: ['GET', '/v1/cards/{card_id}/statements/current'],
  listTransactions: ['GET', '/v1/cards/{card_id}/transactions'],
  createRepayment: ['POST', '/v1/cards/{card_id}/repayments'],
  listRepayments: ['GET', '/v1/cards/{card_id}/repayments'],
  createPayCode: ['POST', '/v1/cards/{card_id}/pay-codes'],
  getPayCodeStatus: ['GET', '/v1/pay-codes/{pay_code_id}'],
  revokePayCode: ['DELETE', '/v1/pay-codes/{pay_code_id}'],
  createReminder: ['POST', '/v1/cards/{card_id}/reminders'],
  listReminders: ['GET', '/v1/cards/{card_id}/reminders'],
  deleteReminder: ['DELETE', '/v1/cards/{card_id}/reminders/{reminder_id}'],
  listNotifications: ['GET', '/v1/cards/{card_id}/notifications'],
  getPaymentCheck: ['GET', '/v1/payment-check'],
  setPaymentCheck: ['PUT', '/v1/payment-check'],
  createSoterChallenge: ['POST', '/v1/payment-check/soter-challenges'],
  createStepUp: ['POST', '/v1/payment-check/step-ups'],
} as const

/** The sandbox's own controls (the till, the clock, faults): never called by the app. */
export const SANDBOX_ROUTES = {
  sandboxScan: ['POST', '/v1/sandbox/scan'],
  sandboxGetClock: ['GET', '/v1/sandbox/clock'],
  sandboxAdvanceClock: ['POST', '/v1/sandbox/clock/advance'],
  sandboxResetClock: ['POST', '/v1/sandbox/clock/reset'],
  sandboxOutbox: ['GET', '/v1/sandbox/outbox'],
  sandboxSetFaults: ['POST', '/v1/sandbox/faults'],
  sandboxClearFaults: ['DELETE', '/v1/sandbox/faults'],
  sandboxClearPinLockouts: ['DELETE', '/v1/sandbox/pin-lockouts'],
  sandboxReset: ['POST', '/v1/sandbox/reset'],
} as const

type Routes = typeof ISSUER_ROUTES & typeof SANDBOX_ROUTES

/** An operation's id: the sandbox's handlers are keyed by it, the client calls by it. */
export type EndpointId = keyof Routes
export type IssuerEndpointId = keyof typeof ISSUER_ROUTES
export type RouteOf<K extends EndpointId> = Routes[K]

/** `/v1/cards/{card_id}/reminders/{reminder_id}` → `{ card_id: string; reminder_id: string }` */
export type PathParams<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & PathParams<Rest>
  : unknown

/** One operation's route, whichever table holds it. */
export function routeOf<K extends EndpointId>(id: K): RouteOf<K> {
  return ((ISSUER_ROUTES as Partial<Routes>)[id] ?? (SANDBOX_ROUTES as Partial<Routes>)[id])!
}

/** An issuer call's method and concrete path: each path parameter filled in, URL-encoded. */
export function issuerRoute<K extends IssuerEndpointId>(
  id: K,
  params: PathParams<(typeof ISSUER_ROUTES)[K][1]>,
): { method: (typeof ISSUER_ROUTES)[K][0]; path: string } {
  const [method, template] = ISSUER_ROUTES[id]
  const values = params as Record<string, string>
  const path = template.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name]!),
  )
  return { method, path }
}
