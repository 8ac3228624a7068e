import { DEFAULT_RETRY, nextRetryDelay, parseRetryAfter } from '@/issuer/client/retry'

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxTotalMs: 5000 }

describe('nextRetryDelay (full jitter)', () => {
  test.each([
    // attempt, random, expected delay: random * min(1000, 100 * 2^(attempt-1))
    [1, 0.5, 50],
    [2, 0.5, 100],
    [3, 0.999, 399],
    [1, 0, 0],
  ])('attempt %d with draw %d waits %d ms', (attempt, draw, expected) => {
    expect(nextRetryDelay({ retryable: true }, attempt, 0, policy, () => draw)).toBe(expected)
  })

  test('the ceiling is capped at maxDelayMs', () => {
    const wide = { ...policy, maxAttempts: 10 }
    expect(nextRetryDelay({ retryable: true }, 8, 0, wide, () => 0.5)).toBe(500)
  })

  test('Retry-After is honoured as given', () => {
    expect(nextRetryDelay({ retryable: true, retryAfterMs: 2000 }, 1, 0, policy)).toBe(2000)
  })

  test('gives up when not retryable, out of attempts, or out of total time', () => {
    expect(nextRetryDelay({ retryable: false }, 1, 0, policy)).toBeUndefined()
    expect(nextRetryDelay({ retryable: true }, 4, 0, policy)).toBeUndefined()
    expect(nextRetryDelay({ retryable: true, retryAfterMs: 3000 }, 1, 2500, policy)).toBeUndefined()
  })

  test('defaults are bounded', () => {
    expect(DEFAULT_RETRY.maxAttempts).toBe(4)
    expect(DEFAULT_RETRY.maxTotalMs).toBe(15000)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T04:00:00Z')
  test.each([
    ['2', 2000],
    [' 0 ', 0],
    ['Sun, 22 Nov 2026 04:00:05 GMT', 5000],
    ['Sun, 22 Nov 2026 03:59:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%p → %p ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})
