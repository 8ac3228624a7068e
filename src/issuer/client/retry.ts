/** How hard a safe request is retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** No retry is started that would end after this much time since the first attempt. */
  maxTotalMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 4_000,
  maxTotalMs: 15_000,
}

/** What the retry decision needs to know about a failed attempt. */
export interface AttemptFailure {
  retryable: boolean
  /** From a `Retry-After` header, in ms. */
  retryAfterMs?: number
}

/**
 * Delay before the next attempt, or undefined to give up. Full jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"): a uniform draw in
 * [0, min(max, base * 2^attempt)); a server's Retry-After is honoured as given.
 * `attempt` counts attempts already made (1 after the first failure).
 */
export function nextRetryDelay(
  failure: AttemptFailure,
  attempt: number,
  elapsedMs: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (!failure.retryable || attempt >= policy.maxAttempts) return undefined
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  const delay = failure.retryAfterMs ?? Math.floor(random() * ceiling)
  return elapsedMs + delay > policy.maxTotalMs ? undefined : delay
}

/** Parses `Retry-After` (delta-seconds or HTTP date) into ms from `nowMs`. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs)
}
