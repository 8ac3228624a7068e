import { BalanceSchema, CardListSchema, StatementSchema } from '@/issuer/contract'
import { getLoginCode, type LoginCode } from '@/platform/login'
import { cacheStore, type KeyValueStore, secureStore } from '@/platform/storage'

import { createIssuerApi, type IssuerApi } from './api'
import { IssuerClock } from './clock'
import { type ResourceSpec, setResourceStorage } from './resource'
import type { RetryPolicy } from './retry'
import { Session } from './session'
import { Transport } from './transport'

export { type IssuerApi, LONG_POLL_S } from './api'
export { IssuerClock } from './clock'
export { isIssuerError, IssuerError, type IssuerErrorKind } from './errors'
export {
  clearResources,
  type ResourceSpec,
  type ResourceView,
  revalidate,
  useResource,
  useResourceStore,
} from './resource'
export { DEFAULT_RETRY, nextRetryDelay, parseRetryAfter, type RetryPolicy } from './retry'
export { Session, type SessionStatus, useSessionStore } from './session'
export { type IssuerResponse, type RequestSpec, Transport } from './transport'

/** Refresh intervals: past these, data is refetched and shown with the stale badge until then. */
export const MAX_AGE_MS = {
  cards: 10 * 60_000,
  balance: 60_000,
  statement: 5 * 60_000,
} as const

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
  return {
    transport,
    clock,
    session,
    api,
    resources: resourceSpecs(api),
  }
}

/** The cached server data the widgets read, one spec per resource. */
export function resourceSpecs(api: IssuerApi) {
  return {
    cards: (): ResourceSpec<import('@/issuer/contract').CardList> => ({
      key: 'cards',
      load: (etag) => api.listCards(etag),
      schema: CardListSchema,
      maxAgeMs: MAX_AGE_MS.cards,
      persist: true,
    }),
    balance: (cardId: string): ResourceSpec<import('@/issuer/contract').Balance> => ({
      key: `balance:${cardId}`,
      load: (etag) => api.getBalance(cardId, etag),
      schema: BalanceSchema,
      maxAgeMs: MAX_AGE_MS.balance,
      persist: true,
    }),
    statement: (cardId: string): ResourceSpec<import('@/issuer/contract').Statement> => ({
      key: `statement:${cardId}`,
      load: (etag) => api.getStatement(cardId, etag),
      schema: StatementSchema,
      maxAgeMs: MAX_AGE_MS.statement,
      persist: true,
    }),
  }
}

export type IssuerClient = ReturnType<typeof createIssuerClient>

setResourceStorage(cacheStore)

/** The app's client, configured at build time (README "Configuration"). */
export const issuerClient: IssuerClient = createIssuerClient({
  baseUrl: process.env.TARO_APP_ISSUER_BASE_URL ?? '',
})
