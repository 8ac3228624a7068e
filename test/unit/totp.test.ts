import { parseRfc3339, secondsLeftInStep } from '@/lib/offline-seed'
import {
  isSeedUsable,
  offlinePayCode,
  type OfflineSeed,
  totp,
  type TotpAlgorithm,
} from '@/lib/totp'

// RFC 6238 Appendix B seeds, ASCII "1234567890…" at 20/32/64 bytes, in base32.
const SEEDS: Record<TotpAlgorithm, string> = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  SHA512:
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
}

// RFC 6238 Appendix B, every row: time (s), algorithm, 8-digit TOTP.
const VECTORS: ReadonlyArray<[number, TotpAlgorithm, string]> = [
  [59, 'SHA1', '94287082'],
  [59, 'SHA256', '46119246'],
  [59, 'SHA512', '90693936'],
  [1111111109, 'SHA1', '07081804'],
  [1111111109, 'SHA256', '68084774'],
  [1111111109, 'SHA512', '25091201'],
  [1111111111, 'SHA1', '14050471'],
  [1111111111, 'SHA256', '67062674'],
  [1111111111, 'SHA512', '99943326'],
  [1234567890, 'SHA1', '89005924'],
  [1234567890, 'SHA256', '91819424'],
  [1234567890, 'SHA512', '93441116'],
  [2000000000, 'SHA1', '69279037'],
  [2000000000, 'SHA256', '90698825'],
  [2000000000, 'SHA512', '38618901'],
  [20000000000, 'SHA1', '65353130'],
  [20000000000, 'SHA256', '77737706'],
  [20000000000, 'SHA512', '47863826'],
]

const seed: OfflineSeed = {
  id: 'seed_1',
  mode: 'offline',
  seed_ref: '000123456',
  secret: SEEDS.SHA1,
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  code_prefix: '62',
  valid_until: '2009-02-14T00:00:00Z',
}

describe('totp: RFC 6238 Appendix B', () => {
  test.each(VECTORS)('T=%i %s → %s', (seconds, algorithm, expected) => {
    expect(totp(SEEDS[algorithm], { algorithm, digits: 8, period: 30 }, seconds * 1000)).toBe(
      expected,
    )
  })

  test('the last millisecond of a step still gives that step’s code', () => {
    expect(totp(SEEDS.SHA1, { algorithm: 'SHA1', digits: 8, period: 30 }, 59_999)).toBe('94287082')
  })

  test.each([
    ['short secret', 'GEZDGNBVGY3TQOJQ', { algorithm: 'SHA1', digits: 8, period: 30 }],
    [
      'bad base32',
      'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1',
      { algorithm: 'SHA1', digits: 8, period: 30 },
    ],
    ['unknown algorithm', SEEDS.SHA1, { algorithm: 'MD5', digits: 8, period: 30 }],
    ['digits 5', SEEDS.SHA1, { algorithm: 'SHA1', digits: 5, period: 30 }],
    ['period 0', SEEDS.SHA1, { algorithm: 'SHA1', digits: 8, period: 0 }],
  ])('rejects %s', (_name, secret, params) => {
    expect(() => totp(secret, params as never, 59_000)).toThrow()
  })
})

describe('offlinePayCode', () => {
  test.each([
    [59, '6200012345694287082'],
    [1111111109, '6200012345607081804'],
    [1234567890, '6200012345689005924'],
  ])('T=%i → %s (62 + seed_ref + TOTP)', (seconds, expected) => {
    const code = offlinePayCode(seed, seconds * 1000)
    expect(code).toBe(expected)
    expect(code).toHaveLength(19)
  })

  test('SHA256 seeds work the same way', () => {
    expect(offlinePayCode({ ...seed, secret: SEEDS.SHA256, algorithm: 'SHA256' }, 59_000)).toBe(
      '6200012345646119246',
    )
  })

  test('refuses a seed that would not give 19 digits', () => {
    expect(() => offlinePayCode({ ...seed, digits: 6 }, 59_000)).toThrow(RangeError)
    expect(() => offlinePayCode({ ...seed, seed_ref: '12345678' }, 59_000)).toThrow(RangeError)
    expect(() => offlinePayCode({ ...seed, code_prefix: '6A' }, 59_000)).toThrow(RangeError)
  })
})

describe('secondsLeftInStep', () => {
  test.each([
    [30, 0, 30],
    [30, 1, 30],
    [30, 999, 30],
    [30, 1_000, 29],
    [30, 29_000, 1],
    [30, 29_999, 1],
    [30, 30_000, 30],
    [30, 59_000, 1],
    [60, 1_234_567_890_000, 30],
  ])('period %i at %i ms → %i s', (period, atMs, expected) => {
    expect(secondsLeftInStep(period, atMs)).toBe(expected)
  })
})

describe('isSeedUsable', () => {
  const until = Date.UTC(2009, 1, 14)
  test.each([
    ['well before expiry', until - 86_400_000, 3_600_000, true],
    ['inside the renewal window', until - 1_800_000, 3_600_000, false],
    ['one ms before expiry, no window', until - 1, 0, true],
    ['at expiry', until, 0, false],
    ['after expiry', until + 1, 0, false],
  ])('%s → %s', (_name, atMs, renewBeforeMs, expected) => {
    expect(isSeedUsable(seed, atMs, renewBeforeMs)).toBe(expected)
  })

  test.each([
    ['unparseable valid_until', { valid_until: 'tomorrow' }],
    ['8-digit seed_ref', { seed_ref: '12345678' }],
    ['bad secret', { secret: '!!' }],
    ['6-digit TOTP', { digits: 6 }],
  ])('%s → false', (_name, change) => {
    expect(isSeedUsable({ ...seed, ...change }, until - 86_400_000, 0)).toBe(false)
  })
})

describe('parseRfc3339', () => {
  test.each([
    ['2009-02-14T00:00:00Z', Date.UTC(2009, 1, 14)],
    ['2009-02-14T08:00:00+08:00', Date.UTC(2009, 1, 14)],
    ['2009-02-13T19:00:00-05:00', Date.UTC(2009, 1, 14)],
    ['2009-02-14t00:00:00.250z', Date.UTC(2009, 1, 14) + 250],
    ['2009-02-14 00:00:00Z', Date.UTC(2009, 1, 14)],
    ['2009-02-30T00:00:00Z', undefined],
    ['2009-02-14T00:00:00', undefined],
    ['2009-02-14', undefined],
  ])('%s → %s', (value, expected) => {
    expect(parseRfc3339(value)).toBe(expected)
  })
})
