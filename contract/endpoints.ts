import type * as v from 'valibot'

import { type EndpointId, routeOf } from './routes'
import {
  BalanceSchema,
  CardListSchema,
  CardLockRequestSchema,
  CardLockSchema,
  ClockAdvanceRequestSchema,
  ClockSchema,
  FaultRulesRequestSchema,
  FaultRulesResultSchema,
  InAppNotificationListSchema,
  OfflineSeedSchema,
  OnlinePayCodeSchema,
  OutboxSchema,
  PayCodeRequestSchema,
  PayCodeStatusQuerySchema,
  PayCodeStatusSchema,
  PaymentCheckRequestSchema,
  PaymentCheckSchema,
  PinLockoutClearResultSchema,
  RefreshRequestSchema,
  ReminderListSchema,
  ReminderRequestSchema,
  ReminderSchema,
  RepaymentListSchema,
  RepaymentRequestSchema,
  RepaymentSchema,
  ResetResultSchema,
  ScanRequestSchema,
  ScanResultSchema,
  SessionRequestSchema,
  SessionSchema,
  SoterChallengeSchema,
  STATEMENT_RULES,
  StatementSchema,
  StepUpRequestSchema,
  StepUpSchema,
  TransactionListQuerySchema,
  TransactionListSchema,
} from './schemas'

type Schema = v.GenericSchema

/**
 * One operation of the issuer API: the source the OpenAPI document is generated from,
 * and the sandbox's routes are registered from.
 */
export interface Endpoint {
  id: string
  method: 'get' | 'post' | 'put' | 'delete'
  path: string
  summary: string
  /** Longer rules of the operation (CommonMark), when the summary cannot hold them. */
  description?: string
  tag: EndpointTag
  /** Bearer token required (sandbox controls and sign-in are open). */
  auth: boolean
  request?: Schema
  /** Response bodies by status (a list is oneOf); null is an empty body (204). */
  responses: Record<number, Schema | readonly Schema[] | null>
  /** Problem statuses this operation documents (bodies are Problem). */
  problems: readonly number[]
  /** `Idempotency-Key` header required (400 idempotency_key_required without it). */
  idempotencyKey?: boolean
  /** Answers carry `Cache-Control: no-store` (tokens, codes, seeds): no ETag either. */
  noStore?: boolean
  /**
   * Query parameters: an object schema of their decoded values, each with its
   * description (the wire carries strings; a digit string stands for its number).
   */
  query?: v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>
}

/** A table entry: an operation without its route (./routes holds every route). */
type EndpointEntry = Omit<Endpoint, 'id' | 'method' | 'path'> & { id: EndpointId }

function lowerMethod(method: 'GET' | 'POST' | 'PUT' | 'DELETE'): Endpoint['method'] {
  return method.toLowerCase() as Endpoint['method']
}

export const ENDPOINT_TAGS = [
  'auth',
  'cards',
  'transactions',
  'repayments',
  'pay-codes',
  'reminders',
  'payment-check',
  'sandbox',
] as const
export type EndpointTag = (typeof ENDPOINT_TAGS)[number]

const yuan = (fen: number) => `\u00a5${(fen / 100).toFixed(2)}`

/** The statement rule, in words, from the same constants the sandbox computes with. */
const STATEMENT_RULE =
  `A statement is cut on the card\u2019s statement day (each month, at the start of that day in the issuer time zone): its balance is the unpaid part of the previous statement (\`statement_balance - paid_to_date\`), plus every transaction posted in the cycle, plus the card\u2019s late fee when the previous statement was overdue (minimum due not paid by the end of its due date in the issuer time zone; a repayment after it does not undo the fee). ` +
  `**Minimum due** = the larger of ${STATEMENT_RULES.minimumDuePercent} % of the balance (rounded to the fen) and ${yuan(STATEMENT_RULES.minimumDueFloor)}, never more than the balance. ` +
  `The due date is ${STATEMENT_RULES.dueAfterDays} days after the statement date.`

/**
 * Every operation of the issuer contract. `as const`, so each entry keeps its literal
 * id, path and schemas: the sandbox's handler map is keyed and typed by them. Only
 * literals in here (no property reads, no calls): anything else makes the bundler keep
 * the whole table, and every schema it names, in the app's packages.
 */
const TABLE = [
  {
    id: 'createSession',
    summary: 'Exchange a platform login code for a session',
    tag: 'auth',
    auth: false,
    request: SessionRequestSchema,
    responses: { 201: SessionSchema },
    problems: [401, 422],
    noStore: true,
  },
  {
    id: 'refreshSession',
    summary: 'Rotate the refresh token (reuse of an old one revokes the session family)',
    description:
      'Each refresh token is single-use. **A lost answer:** the same token presented again answers 201 with the same new pair for as long as that pair\u2019s refresh token has not been used, however late the retry (a device may lose the answer and then stay offline for hours), so a client whose answer was lost may retry with the token it holds, and parallel refreshes of one token all get one pair. Once the new refresh token was used, presenting the old one is a reuse (a copy exists) and revokes the whole session family (401 `refresh_reused`).',
    tag: 'auth',
    auth: false,
    request: RefreshRequestSchema,
    responses: { 201: SessionSchema },
    problems: [401, 422],
    noStore: true,
  },
  {
    id: 'deleteSession',
    summary: 'Sign out (revokes the session family and the offline seeds it provisioned)',
    tag: 'auth',
    auth: true,
    responses: { 204: null },
    problems: [401],
  },
  {
    id: 'listCards',
    summary: "The cardholder's cards",
    tag: 'cards',
    auth: true,
    responses: { 200: CardListSchema },
    problems: [401, 429],
  },
  {
    id: 'setCardLock',
    summary: 'Lock or unlock the card (idempotent: the answer is the lock as it now stands)',
    description:
      'A locked card: the till declines every scan of its codes, online or offline, with `decline_reason: card_locked` (recorded as a declined transaction); `createPayCode` answers 409 `card_locked`; the balance, statement, transactions and repayments read and work as before. `locked` shows on the card list and the balance. Locking needs nothing more than the session; unlocking needs a `step_up_token` (`createStepUp`) when the cardholder has a payment PIN (403 `step_up_required` without a valid one). Locking a locked card, or unlocking an unlocked one, changes nothing and answers the same.',
    tag: 'cards',
    auth: true,
    request: CardLockRequestSchema,
    responses: { 200: CardLockSchema },
    problems: [401, 403, 404, 422, 429],
  },
  {
    id: 'getBalance',
    summary: 'Available credit, limit, statement balance and pending amount',
    tag: 'cards',
    auth: true,
    responses: { 200: BalanceSchema },
    problems: [401, 404, 429],
  },
  {
    id: 'getCurrentStatement',
    summary: 'The current statement (404 no_statement before the first one)',
    description: STATEMENT_RULE,
    tag: 'cards',
    auth: true,
    responses: { 200: StatementSchema },
    problems: [401, 404, 429],
  },
  {
    id: 'listTransactions',
    summary: "The card's transactions, newest first (cursor pagination)",
    description:
      'Purchases, fees and repayments, newest first. Pagination in Stripe\u2019s style: `limit` items, `has_more` when older ones exist, and `starting_after` = the last id of a page for the next one (422 for an id that is not this card\u2019s). ' +
      'A pay-code payment is authorised against the available credit: approved, it is `pending` and lowers the available credit by its amount at once; it then `posts` (moving from the pending amount to the current balance) or is `reversed` (the credit comes back). A payment over the available credit is `declined` with `decline_reason: insufficient_credit` and moves no credit. A payment in a currency other than the card\u2019s is not listed (its pay code says `declined`, `currency_not_supported`), nor is a till\u2019s scan of an unknown, expired, used or revoked code. A repayment is a `credit`, posted at once.',
    tag: 'transactions',
    auth: true,
    responses: { 200: TransactionListSchema },
    problems: [401, 404, 422],
    query: TransactionListQuerySchema,
  },
  {
    id: 'createRepayment',
    summary: 'Repay (Idempotency-Key required: a replay returns the stored response)',
    tag: 'repayments',
    auth: true,
    request: RepaymentRequestSchema,
    responses: { 201: RepaymentSchema },
    problems: [400, 401, 404, 409, 422, 429],
    idempotencyKey: true,
  },
  {
    id: 'listRepayments',
    summary: "The card's repayments",
    tag: 'repayments',
    auth: true,
    responses: { 200: RepaymentListSchema },
    problems: [401, 404],
  },
  {
    id: 'createPayCode',
    summary: 'An online code (19 digits, 60 s, single use) or an offline TOTP seed',
    description:
      'A locked card gets neither: 409 `card_locked`. When the cardholder has a payment PIN, the request carries a `step_up_token` from `createStepUp` (403 `step_up_required` without a valid one), and an offline seed carries `pin_check`, the material its device checks the PIN against while offline. Setting, changing or removing the PIN revokes the cardholder\u2019s offline seeds (their `pin_check` no longer matches).',
    tag: 'pay-codes',
    auth: true,
    request: PayCodeRequestSchema,
    responses: { 201: [OnlinePayCodeSchema, OfflineSeedSchema] },
    problems: [401, 403, 404, 409, 422, 429],
    noStore: true,
  },
  {
    id: 'getPayCodeStatus',
    summary:
      'Payment result by long-poll: answers when the status differs from `since` (for an offline seed: its latest payment)',
    tag: 'pay-codes',
    auth: true,
    responses: { 200: PayCodeStatusSchema },
    problems: [401, 404, 422],
    noStore: true,
    query: PayCodeStatusQuerySchema,
  },
  {
    id: 'revokePayCode',
    summary:
      'Revoke a pay code or offline seed (a seed whatever it paid before: its codes then answer 410 code_revoked)',
    tag: 'pay-codes',
    auth: true,
    responses: { 204: null },
    problems: [401, 404],
  },
  {
    id: 'createReminder',
    summary: 'Subscribe to a due-date reminder (lead days and time within REMINDER_BOUNDS)',
    description:
      'A reminder fires `days_before` days before the current statement\u2019s due date at `time` (HH:MM in the issuer\u2019s time zone, Asia/Shanghai), once per due date; one whose moment has already passed fires at once. Lead days are 1-7 and the time 08:00-21:00; outside them the answer is 422 `validation_failed`. A card holds at most 60 reminders (`REMINDER_BOUNDS.perCard`): past that the answer is 422 `too_many_reminders` (delete one to add another).',
    tag: 'reminders',
    auth: true,
    request: ReminderRequestSchema,
    responses: { 201: ReminderSchema },
    problems: [401, 404, 422],
  },
  {
    id: 'listReminders',
    summary: "The card's reminder subscriptions",
    tag: 'reminders',
    auth: true,
    responses: { 200: ReminderListSchema },
    problems: [401, 404],
  },
  {
    id: 'deleteReminder',
    summary: 'Unsubscribe',
    tag: 'reminders',
    auth: true,
    responses: { 204: null },
    problems: [401, 404],
  },
  // ---- in-app reminders ----
  {
    id: 'listNotifications',
    summary: "The card's fired in-app reminders, newest first (what the app shows itself)",
    tag: 'reminders',
    auth: true,
    responses: { 200: InAppNotificationListSchema },
    problems: [401, 404],
  },
  // ---- payment check ----
  {
    id: 'getPaymentCheck',
    summary: "The cardholder's payment check: PIN set, biometrics, attempts left, lockout",
    tag: 'payment-check',
    auth: true,
    responses: { 200: PaymentCheckSchema },
    problems: [401, 429],
    noStore: true,
  },
  {
    id: 'setPaymentCheck',
    summary: 'Set, change or remove the payment PIN; turn biometrics on or off',
    description:
      'The PIN is 6 digits. Setting the first one needs only the session; changing it (`pin`), removing it (`pin: null`) or turning biometrics on or off needs `current_pin`, which counts as an attempt like `createStepUp` (403 `pin_incorrect` with `attempts_left`, then 403 `pin_locked` with `locked_until`). Biometrics need a PIN (422 `validation_failed` without one) and end with it. A request changing nothing (neither `pin` nor `biometrics`), or without `current_pin` where one is needed, answers 422 `validation_failed`. Setting, changing or removing the PIN also ends the cardholder\u2019s step-up grants. The issuer keeps only a salted hash of the PIN.',
    tag: 'payment-check',
    auth: true,
    request: PaymentCheckRequestSchema,
    responses: { 200: PaymentCheckSchema },
    problems: [401, 403, 422, 429],
    noStore: true,
  },
  {
    id: 'createSoterChallenge',
    summary: 'A single-use challenge for WeChat SOTER to sign (biometrics on)',
    description:
      'The `challenge` goes to `wx.startSoterAuthentication`; the signed result comes back to `createStepUp` with `raw` equal to it, once, within `expires_in` (120 s in the sandbox). 422 `validation_failed` while the cardholder\u2019s biometrics are off.',
    tag: 'payment-check',
    auth: true,
    responses: { 201: SoterChallengeSchema },
    problems: [401, 422, 429],
    noStore: true,
  },
  {
    id: 'createStepUp',
    summary: 'Prove the payment check (PIN or WeChat SOTER): a short-lived step-up grant',
    description:
      'A wrong PIN answers 403 `pin_incorrect` with `attempts_left`; after 5 wrong in a row PIN entry locks for 15 minutes (403 `pin_locked` with `locked_until`, also for the right PIN); a right PIN resets the count. The grant (`expires_in`: 300 s) is accepted by `createPayCode` and by unlocking a card, as often as needed while it lasts; a new session does not carry it. Without a PIN set there is nothing to prove: 422 `validation_failed`. **SOTER:** the sandbox accepts a `soter` proof when the cardholder turned biometrics on and `result_json` is a JSON object whose `raw` is an open challenge from `createSoterChallenge` for this cardholder (used up by the proof, accepted or not); with biometrics off it answers 422 `validation_failed`, and any other `result_json` 403 `step_up_required` (no PIN attempt is counted, and a PIN lockout does not close SOTER). The sandbox does not check `result_json_signature`: a real issuer must verify it against the device\u2019s SOTER key with WeChat\u2019s server API, server-side.',
    tag: 'payment-check',
    auth: true,
    request: StepUpRequestSchema,
    responses: { 201: StepUpSchema },
    problems: [401, 403, 422, 429],
    noStore: true,
  },
  {
    id: 'sandboxScan',
    summary:
      'Sandbox: a till scans a code (pending_then_success settles after 3 s; no_result stays pending)',
    description:
      'The payment is authorised against the card\u2019s available credit in one database transaction with the code\u2019s use: `success` records a pending transaction that lowers the available credit (it posts one sandbox day later); `pending_then_success` does the same, the till learning the result after 3 s; `success_then_reversal` is approved, then the merchant reverses it after 3 s (the credit comes back); `decline` records a declined transaction (`issuer_declined`); `no_result` records nothing and stays pending. An amount over the available credit is declined (`insufficient_credit`) whatever the outcome asked, and moves no credit. An amount in a currency other than the card\u2019s is declined (`currency_not_supported`) whatever the outcome asked: the issuer converts none, so it moves no credit and records no transaction; the code\u2019s status says `declined` with the till\u2019s amount in the till\u2019s currency. The answer carries the `transaction_id` (when a transaction was recorded) and, when declined, the `decline_reason`; a declined code is spent like a paid one. A code the till should not have scanned is refused with a problem and records nothing, on the code or on the cardholder\u2019s list: 404 `not_found` for an unknown code, 410 `code_expired` for an expired online code, 410 `code_revoked` for an online code replaced by a newer one or revoked, and for any code of a revoked offline seed, 409 `code_used` for a code already used for a payment (whatever its result).',
    tag: 'sandbox',
    auth: false,
    request: ScanRequestSchema,
    responses: { 200: ScanResultSchema },
    problems: [403, 404, 409, 410, 422, 429],
  },
  {
    id: 'sandboxGetClock',
    summary: "Sandbox: the issuer's current time",
    tag: 'sandbox',
    auth: false,
    responses: { 200: ClockSchema },
    problems: [],
    noStore: true,
  },
  {
    id: 'sandboxAdvanceClock',
    summary: 'Sandbox: move time on (statements cycle, due dates pass, reminders fire)',
    description: `Pending transactions whose time has come post, then every cycle whose statement day was reached closes, then every reminder whose moment was reached fires, before the answer. The advance is kept in the database file: a restart on it continues from the advanced time. ${STATEMENT_RULE}`,
    tag: 'sandbox',
    auth: false,
    request: ClockAdvanceRequestSchema,
    responses: { 200: ClockSchema },
    problems: [403, 422],
  },
  {
    id: 'sandboxResetClock',
    summary: 'Sandbox: undo every advance (sandbox time runs with real time again; data stays)',
    description:
      'Sandbox time is its start (real time when the sandbox started, unless it was started at a chosen time) plus the real time since, plus every advance. This takes the advances back out, in the database file too; the data stays as it is (statements already cut stay cut, reminders already fired stay fired). `POST /v1/sandbox/reset` puts the clock back as well, with fresh data.',
    tag: 'sandbox',
    auth: false,
    responses: { 200: ClockSchema },
    problems: [403],
  },
  {
    id: 'sandboxOutbox',
    summary: 'Sandbox: notifications sent so far (reminders whose day was reached)',
    tag: 'sandbox',
    auth: false,
    responses: { 200: OutboxSchema },
    problems: [],
    noStore: true,
  },
  {
    id: 'sandboxSetFaults',
    summary: 'Sandbox: replace the fault rules (seeded, so a failing run repeats)',
    tag: 'sandbox',
    auth: false,
    request: FaultRulesRequestSchema,
    responses: { 200: FaultRulesResultSchema },
    problems: [403, 422],
  },
  {
    id: 'sandboxClearFaults',
    summary: 'Sandbox: remove every fault rule',
    tag: 'sandbox',
    auth: false,
    responses: { 204: null },
    problems: [403],
  },
  {
    id: 'sandboxClearPinLockouts',
    summary: 'Sandbox: open PIN entry again for every cardholder (wrong-PIN counts back to 0)',
    tag: 'sandbox',
    auth: false,
    responses: { 200: PinLockoutClearResultSchema },
    problems: [403],
  },
  {
    id: 'sandboxReset',
    summary: 'Sandbox: drop all data, undo every clock advance, and seed the personas again',
    tag: 'sandbox',
    auth: false,
    responses: { 200: ResetResultSchema },
    problems: [403],
  },
] as const satisfies readonly EndpointEntry[]

/**
 * Every operation of the issuer contract, with its route, as the OpenAPI generator, the
 * sandbox and tests read it. (A top-level call the build marks pure: the app, which
 * never reads the table, carries none of it.)
 */
export const ENDPOINTS: readonly Endpoint[] = TABLE.map((entry) => {
  const [method, path] = routeOf(entry.id)
  return { ...entry, method: lowerMethod(method), path }
})

/** The table entry of one operation, with its literal schemas (its route: `RouteOf`). */
export type EndpointOf<K extends EndpointId> = Extract<(typeof TABLE)[number], { id: K }>

/** The endpoint a concrete request path belongs to (path parameters are one segment). */
export function matchEndpoint(method: string, path: string): Endpoint | undefined {
  const bare = path.split('?')[0] ?? ''
  const lower = method.toLowerCase()
  return ENDPOINTS.find(
    (e) => e.method === lower && new RegExp(`^${e.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(bare),
  )
}
