import { getLoginCode, type LoginCode } from '@/platform/login'
import { type KeyValueStore, secureStore } from '@/platform/storage'

import { createIssuerApi } from './api'
import { IssuerClock } from './clock'
import { invalidate } from './resource'
import { resourceSpecs } from './resources'
import type { RetryPolicy } from './retry'
import { Session } from './session'
import { Transport } from './transport'

export type { IssuerApi } from './api'
export { IssuerClock } from './clock'
export { isIssuerError, IssuerError, type IssuerErrorKind } from './errors'
export {
  failResource,
  forgetResources,
  invalidate,
  peekResource,
  type ResourceSpec,
  type ResourceView,
  revalidate,
  setResourceStorage,
  updateResource,
  useResource,
  useResourceStore,
} from './resource'
export { LATEST_TRANSACTIONS } from './resources'
export { DEFAULT_RETRY, nextRetryDelay, parseRetryAfter, type RetryPolicy } from './retry'
export {
  HOST_TOKEN_UNAVAILABLE,
  type HostSessionOptions,
  type HostTokenSource,
  Session,
  type SessionMode,
  type SessionStatus,
  useSessionStatus,
  useSessionStore,
} from './session'
export type { IssuerResponse } from './transport'

export interface IssuerClientOptions {
  baseUrl: string
  timeoutMs?: number
  retry?: RetryPolicy
  loginCode?: () => Promise<LoginCode>
  secure?: KeyValueStore
}

/** Transport, session and endpoints wired together. */
export function createIssuerClient(options: IssuerClientOptions) {
  const clock = new IssuerClock()
  const transport = new Transport({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
    clock,
  })
  const session = new Session(
    transport,
    options.secure ?? secureStore,
    options.loginCode ?? getLoginCode,
  )
  transport.setAuth(session)
  const api = createIssuerApi(transport)
  const resources = resourceSpecs(api)
  return {
    transport,
    clock,
    session,
    api,
    resources,
    /**
     * Money moved on a card (a payment at the till): its balance and latest
     * transactions are fetched again, so every widget showing them updates.
     */
    moneyMoved: (cardId: string) =>
      Promise.all([
        invalidate(resources.balance(cardId)),
        invalidate(resources.transactions(cardId)),
      ]).then(() => undefined),
  }
}

export type IssuerClient = ReturnType<typeof createIssuerClient>

/** The app's client, configured at build time (docs/integrating.md "Configuration"). */
export const issuerClient: IssuerClient = createIssuerClient({
  baseUrl: process.env.TARO_APP_ISSUER_BASE_URL ?? '',
})
