import type { OfflineSeed } from '@contract'

import type { SandboxClock } from './clock'
import type { DueWork } from './due-work'
import type { FaultRules } from './faults'
import type { PayCodeEvents } from './pay-code-events'
import type { SandboxStore } from './store'

/** How a sandbox issuer is built; every field has a deterministic default. */
export interface SandboxOptions {
  /** SQLite file path; ':memory:' (the default) for tests. */
  dbPath?: string
  /** Seed for every random choice (codes, ids, fault rolls), so a failing run repeats. */
  seed?: number
  /** Fastify request logging (method, path, status; never bodies, tokens or codes). */
  logger?: boolean
  /** Drop every row and seed the personas again on start (`npm run sandbox -- --reset`). */
  reset?: boolean
  /** Where log lines go when `logger` is on (tests capture them). */
  logStream?: NodeJS.WritableStream
  /** Start of sandbox time (ISO); default now. Sandbox time then runs with real time. */
  clockStart?: string
  /** Access token lifetime in seconds (default 900). */
  accessTokenTtlS?: number
  /** Refresh token lifetime in seconds (default 30 days). */
  refreshTokenTtlS?: number
  /**
   * Per-token request budget (per client address without a token) on issuer routes;
   * default 600 a minute, so UI tests never trip it.
   */
  rateLimit?: { max: number; timeWindowMs?: number }
  /**
   * Host names requests may carry in their Host header (any port); default 127.0.0.1,
   * localhost and [::1]. Anything else is refused (403), against DNS rebinding.
   */
  allowedHosts?: readonly string[]
  /** Origins allowed by CORS; default: any 127.0.0.1 / localhost origin. */
  corsOrigins?: (string | RegExp)[]
  /** Simulated processing time of a repayment (makes concurrent duplicates observable). */
  repaymentProcessingMs?: number
  /**
   * Seconds a pending_then_success payment stays pending, and a success_then_reversal
   * one stays approved before its reversal (sandbox time; default 3).
   */
  pendingSettleS?: number
  /** Seconds an approved payment's transaction stays pending before it posts (sandbox time; default one day). */
  postAfterS?: number
  /** HMAC of the offline seeds it provisions (default SHA1; secrets sized as in RFC 6238). */
  offlineAlgorithm?: OfflineSeed['algorithm']
  /** A request body that has not fully arrived after this long answers 408 (default 10 s). */
  bodyTimeoutMs?: number
}

/** The host names the sandbox answers to by default: it only ever listens on loopback. */
export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const

/** The seed used when none is given: codes, ids and fault rolls repeat run to run. */
export const DEFAULT_SEED = 42

/** The options with their defaults filled in. */
export function settingsOf(options: SandboxOptions) {
  return {
    seed: options.seed ?? DEFAULT_SEED,
    accessTtlS: options.accessTokenTtlS ?? 900,
    refreshTtlS: options.refreshTokenTtlS ?? 30 * 24 * 3600,
    rateLimit: {
      max: options.rateLimit?.max ?? 600,
      timeWindowMs: options.rateLimit?.timeWindowMs ?? 60_000,
    },
    allowedHosts: options.allowedHosts ?? LOOPBACK_HOSTS,
    corsOrigins: options.corsOrigins ?? [/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/],
    repaymentProcessingMs: options.repaymentProcessingMs ?? 100,
    settleMs: (options.pendingSettleS ?? 3) * 1000,
    postAfterMs: (options.postAfterS ?? 86_400) * 1000,
    offlineAlgorithm: options.offlineAlgorithm ?? 'SHA1',
    bodyTimeoutMs: options.bodyTimeoutMs ?? 10_000,
  }
}
export type Settings = ReturnType<typeof settingsOf>

/** What every sandbox plugin is given: the bank's state and its settings. */
export interface Sandbox {
  store: SandboxStore
  clock: SandboxClock
  faults: FaultRules
  payCodes: PayCodeEvents
  due: DueWork
  settings: Settings
}
