import { createHmac } from 'node:crypto'

import type { OfflineSeed, OnlinePayCode, PayCodeStatus } from '@contract'

import type { SeedVault, StoredSeed } from '@/features/pay-code/offline-seed-vault'
import {
  MAX_UNKNOWN_REPLACEMENTS,
  NO_RESULT_AFTER_MS,
  type PayCodeApi,
  PayCodeController,
  POLL_RETRY_FIRST_MS,
  PROBE_FIRST_MS,
  PROBE_MAX_MS,
  REFRESH_BEFORE_MS,
  SEED_AFTER_CODE_MS,
  SKEW_RESAVE_MS,
} from '@/features/pay-code/pay-code-controller'
import { payCodeLayout } from '@/features/pay-code/pay-code-layout'
import { IssuerError, type IssuerResponse } from '@/issuer/client'
import { frameById, FRAMES } from '@/lib/frame'
import { offlinePayCode } from '@/lib/totp'

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0)
const iso = (ms: number) => new Date(ms).toISOString()
const ok = <T>(data: T): IssuerResponse<T> => ({ status: 200, data, notModified: false })

const SEED: OfflineSeed = {
  id: 'pc_seed',
  mode: 'offline',
  seed_ref: '123456789',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  code_prefix: '62',
  valid_until: iso(T0 + 7 * 24 * 3600_000),
}

/** A scripted issuer: every call is recorded; long-polls stay open until answered. */
function fakeIssuer(clockAheadMs = 0) {
  const calls: string[] = []
  let serial = 0
  let createError: IssuerError | undefined
  /** Poll failures to answer with, in order; `always` answers every later poll with it. */
  const pollErrors: IssuerError[] = []
  let pollErrorAlways: IssuerError | undefined
  const polls = new Map<string, (status: PayCodeStatus) => void>()
  const api: PayCodeApi = {
    createOnlinePayCode: jest.fn(async (cardId: string) => {
      calls.push(`create ${cardId}`)
      if (createError) throw createError
      serial += 1
      const code: OnlinePayCode = {
        id: `pc_${serial}`,
        mode: 'online',
        code: `62${String(serial).padStart(17, '0')}`,
        expires_at: iso(Date.now() + clockAheadMs + 60_000),
        ttl_s: 60,
      }
      return ok(code)
    }) as PayCodeApi['createOnlinePayCode'],
    provisionOfflineSeed: jest.fn(async () => {
      calls.push('provision')
      return ok(SEED)
    }) as PayCodeApi['provisionOfflineSeed'],
    waitForPayCodeStatus: jest.fn((id: string) => {
      calls.push(`poll ${id}`)
      const error = pollErrors.shift() ?? pollErrorAlways
      if (error) return Promise.reject(error)
      return new Promise((resolve) => polls.set(id, (status) => resolve(ok(status))))
    }) as PayCodeApi['waitForPayCodeStatus'],
    revokePayCode: jest.fn(async (id: string) => {
      calls.push(`revoke ${id}`)
      return ok(undefined)
    }) as PayCodeApi['revokePayCode'],
  }
  return {
    api,
    calls,
    answer: (id: string, status: PayCodeStatus) => polls.get(id)?.(status),
    failCreates: (error: IssuerError | undefined) => {
      createError = error
    },
    failPolls: (errors: IssuerError[], always?: IssuerError) => {
      pollErrors.push(...errors)
      pollErrorAlways = always
    },
  }
}

function vault(seed?: OfflineSeed, skewMs = 0): SeedVault & { kept: () => StoredSeed | undefined } {
  let kept = seed && { seed, skewMs }
  return {
    kept: () => kept,
    load: async () => kept,
    save: async (_card, stored) => {
      kept = stored
    },
    deviceId: async () => '0123456789abcdef0123456789abcdef',
    remove: async () => {
      kept = undefined
    },
    clear: async () => {
      kept = undefined
    },
  }
}

/** Lets pending promise callbacks run (fake timers do not touch microtasks). */
const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve()
  // The long-poll starts in a zero-delay task of its own once a code is shown.
  await jest.advanceTimersByTimeAsync(0)
}

beforeEach(() => {
  jest.useFakeTimers({ now: T0 })
})

afterEach(() => {
  jest.useRealTimers()
})

describe('PayCodeController online', () => {
  test('shows the issuer code, counts down to its expiry and replaces it 5 s before', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    const s = c.store.getState()
    expect(s.phase).toBe('online')
    expect(s.code).toEqual({
      value: '6200000000000000001',
      mode: 'online',
      id: 'pc_1',
      deadline: T0 + 60_000,
    })
    expect(s.secondsLeft).toBe(60)
    // The seed is asked for once the QR has had its time to draw, not with the code.
    expect(issuer.calls).toEqual(['create card_1', 'poll pc_1'])
    await jest.advanceTimersByTimeAsync(SEED_AFTER_CODE_MS - 10)
    expect(issuer.calls).toEqual(['create card_1', 'poll pc_1'])
    await jest.advanceTimersByTimeAsync(10)
    expect(issuer.calls).toEqual(['create card_1', 'poll pc_1', 'provision'])

    // Ticks land 5 ms after each whole second.
    await jest.advanceTimersByTimeAsync(
      60_000 - REFRESH_BEFORE_MS - 1_000 + 10 - SEED_AFTER_CODE_MS,
    )
    expect(c.store.getState().secondsLeft).toBe(6)
    expect(issuer.calls.filter((x) => x.startsWith('create'))).toHaveLength(1)
    await jest.advanceTimersByTimeAsync(1_100)
    await settle()
    expect(c.store.getState().code?.id).toBe('pc_2')
    c.stop()
  })

  test('a succeeded payment is shown and the used code leaves the screen for a fresh one', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    c.setRevealed(true)
    issuer.answer('pc_1', {
      id: 'pc_1',
      status: 'succeeded',
      amount: { amount: 12_345, currency: 'CNY' },
      merchant: 'Till 7',
      updated_at: iso(T0 + 1_000),
    })
    await settle()
    const s = c.store.getState()
    expect(s.result).toEqual({
      status: 'succeeded',
      payCodeId: 'pc_1',
      amount: { amount: 12_345, currency: 'CNY' },
      merchant: 'Till 7',
    })
    expect(s.code?.id).toBe('pc_2')
    expect(s.revealed).toBe(false)
    c.stop()
  })

  test('a decline carries its reason; every reported payment tells the card money moved', async () => {
    const issuer = fakeIssuer()
    const onPayment = jest.fn()
    const c = new PayCodeController({ api: issuer.api, seeds: vault(), onPayment })
    c.start('card_1')
    await settle()
    expect(onPayment).not.toHaveBeenCalled()
    issuer.answer('pc_1', {
      id: 'pc_1',
      status: 'declined',
      amount: { amount: 1_234, currency: 'CNY' },
      merchant: 'Till 7',
      transaction_id: 'tx_1',
      decline_reason: 'insufficient_credit',
      updated_at: iso(T0 + 1_000),
    })
    await settle()
    expect(c.store.getState().result).toEqual({
      status: 'declined',
      payCodeId: 'pc_1',
      amount: { amount: 1_234, currency: 'CNY' },
      merchant: 'Till 7',
      declineReason: 'insufficient_credit',
    })
    expect(onPayment.mock.calls).toEqual([['card_1']])
    issuer.answer('pc_2', {
      id: 'pc_2',
      status: 'pending',
      amount: { amount: 500, currency: 'CNY' },
      merchant: 'Till 8',
      transaction_id: 'tx_2',
      updated_at: iso(T0 + 2_000),
    })
    await settle()
    issuer.answer('pc_2', {
      id: 'pc_2',
      status: 'succeeded',
      amount: { amount: 500, currency: 'CNY' },
      merchant: 'Till 8',
      transaction_id: 'tx_2',
      updated_at: iso(T0 + 3_000),
    })
    await settle()
    expect(c.store.getState().result).toMatchObject({ status: 'succeeded', payCodeId: 'pc_2' })
    expect(c.store.getState().result.declineReason).toBeUndefined()
    expect(onPayment.mock.calls).toEqual([['card_1'], ['card_1'], ['card_1']])
    c.stop()
  })

  test('manual refresh revokes the code on screen', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    c.refresh()
    await settle()
    expect(issuer.calls).toContain('revoke pc_1')
    expect(c.store.getState().code?.id).toBe('pc_2')
    c.stop()
  })

  test('a signed-out session shows no code', async () => {
    const issuer = fakeIssuer()
    issuer.failCreates(new IssuerError({ kind: 'signed_out', message: 'gone', status: 401 }))
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'signed_out', code: undefined })
    c.stop()
  })
})

describe('PayCodeController: a result is true and leaves in time', () => {
  const paid = (id: string, status: PayCodeStatus['status'], at = T0 + 1_000): PayCodeStatus => ({
    id,
    status,
    amount: { amount: 2_500, currency: 'CNY' },
    merchant: 'Didi',
    updated_at: iso(at),
  })

  test('a payment with no result ends at NO_RESULT_AFTER_MS as unknown; a late answer still wins', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    issuer.answer('pc_1', paid('pc_1', 'pending'))
    await settle()
    expect(c.store.getState().result.status).toBe('pending')
    // The pending code's own follow-up poll waits: nothing comes.
    await jest.advanceTimersByTimeAsync(NO_RESULT_AFTER_MS - 1)
    expect(c.store.getState().result.status).toBe('pending')
    await jest.advanceTimersByTimeAsync(1)
    expect(c.store.getState().result).toMatchObject({
      status: 'unknown',
      payCodeId: 'pc_1',
      amount: { amount: 2_500, currency: 'CNY' },
    })
    issuer.answer('pc_1', paid('pc_1', 'succeeded'))
    await settle()
    expect(c.store.getState().result.status).toBe('succeeded')
    c.stop()
  })

  test('"no result" leaves with the next code, like a final result', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    issuer.answer('pc_1', paid('pc_1', 'pending'))
    await settle()
    await jest.advanceTimersByTimeAsync(NO_RESULT_AFTER_MS)
    await settle()
    expect(c.store.getState().result.status).toBe('unknown')
    const shown = c.store.getState().code?.id
    // The code on screen is replaced 5 s before its expiry: "no result" goes with it.
    await jest.advanceTimersByTimeAsync(60_000)
    await settle()
    expect(c.store.getState().code?.id).not.toBe(shown)
    expect(c.store.getState().result).toEqual({ status: 'none' })
    c.stop()
  })

  test('an approval the merchant reverses turns into `reversed`', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    issuer.answer('pc_1', paid('pc_1', 'succeeded'))
    await settle()
    expect(c.store.getState().result.status).toBe('succeeded')
    issuer.answer('pc_1', paid('pc_1', 'reversed', T0 + 4_000))
    await settle()
    expect(c.store.getState().result).toMatchObject({ status: 'reversed', payCodeId: 'pc_1' })
    c.stop()
  })

  test('a final result stays beside the code that replaced the paid one and leaves with the next', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    issuer.answer('pc_1', paid('pc_1', 'declined'))
    await settle()
    expect(c.store.getState().code?.id).toBe('pc_2')
    expect(c.store.getState().result.status).toBe('declined')
    // pc_2 is replaced 5 s before its expiry: the result goes with it.
    await jest.advanceTimersByTimeAsync(60_000 - REFRESH_BEFORE_MS + 10)
    await settle()
    expect(c.store.getState().code?.id).toBe('pc_3')
    expect(c.store.getState().result).toEqual({ status: 'none' })
    c.stop()
  })

  test('a pending result is followed again after the page was hidden and shown', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    issuer.answer('pc_1', paid('pc_1', 'pending'))
    await settle()
    c.stop()
    c.start('card_1')
    await settle()
    expect(issuer.calls.filter((x) => x === 'poll pc_1').length).toBeGreaterThanOrEqual(3)
    issuer.answer('pc_1', paid('pc_1', 'succeeded'))
    await settle()
    expect(c.store.getState().result.status).toBe('succeeded')
    c.stop()
  })

  test('dismissing takes the result away at once', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    issuer.answer('pc_1', paid('pc_1', 'succeeded'))
    await settle()
    c.clearResult()
    expect(c.store.getState().result).toEqual({ status: 'none' })
    c.stop()
  })
})

describe('PayCodeController: no code stays on screen once its result is unknown', () => {
  const outage = new IssuerError({
    kind: 'unavailable',
    status: 503,
    message: '503',
    retryAfterMs: 1_000,
  })
  const limited = new IssuerError({ kind: 'rate_limited', status: 429, message: '429' })
  const malformed = new IssuerError({ kind: 'malformed', status: 200, message: 'bad JSON' })
  const gone = new IssuerError({ kind: 'problem', status: 404, code: 'not_found', message: '404' })

  test.each([
    ['503 (after the transport gave up)', outage],
    ['429', limited],
    ['a malformed body', malformed],
    ['404', gone],
  ])(
    '%s once: the poll is retried after the backoff and the used code leaves',
    async (_n, error) => {
      const issuer = fakeIssuer()
      issuer.failPolls([error])
      const c = new PayCodeController({ api: issuer.api, seeds: vault() })
      c.start('card_1')
      await settle()
      expect(c.store.getState().code?.id).toBe('pc_1')
      // The retry comes after the backoff, and learns the code was used meanwhile.
      await jest.advanceTimersByTimeAsync(POLL_RETRY_FIRST_MS)
      expect(issuer.calls.filter((x) => x === 'poll pc_1')).toHaveLength(2)
      issuer.answer('pc_1', {
        id: 'pc_1',
        status: 'succeeded',
        amount: { amount: 4_200, currency: 'CNY' },
        updated_at: iso(T0 + 500),
      })
      await settle()
      const s = c.store.getState()
      expect(s.result.status).toBe('succeeded')
      expect(s.code?.id).toBe('pc_2')
      c.stop()
    },
  )

  test.each([
    ['503', outage],
    ['429', limited],
    ['a malformed body', malformed],
    ['404', gone],
  ])(
    '%s twice: the code is replaced within the backoff, and still polled for its result',
    async (_n, error) => {
      const issuer = fakeIssuer()
      issuer.failPolls([error, error])
      const c = new PayCodeController({ api: issuer.api, seeds: vault() })
      c.start('card_1')
      await settle()
      await jest.advanceTimersByTimeAsync(POLL_RETRY_FIRST_MS)
      await settle()
      // Second failure at T0 + 1 s: pc_1 may have been used, so it is off the screen.
      expect(c.store.getState().code?.id).toBe('pc_2')
      expect(c.store.getState().phase).toBe('online')
      // Its result still arrives and is shown.
      await jest.advanceTimersByTimeAsync(2 * POLL_RETRY_FIRST_MS)
      issuer.answer('pc_1', {
        id: 'pc_1',
        status: 'declined',
        amount: { amount: 99_900, currency: 'CNY' },
        updated_at: iso(T0 + 500),
      })
      await settle()
      expect(c.store.getState().result).toMatchObject({ status: 'declined', payCodeId: 'pc_1' })
      expect(c.store.getState().code?.id).toBe('pc_2')
      c.stop()
    },
  )

  test('an issuer that never answers a poll: codes are replaced, then the error is shown', async () => {
    const issuer = fakeIssuer()
    issuer.failPolls([], gone)
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    const shown: string[] = []
    for (let i = 0; i < 20 && c.store.getState().phase !== 'error'; i++) {
      const id = c.store.getState().code?.id
      if (id && shown.at(-1) !== id) shown.push(id)
      await jest.advanceTimersByTimeAsync(500)
    }
    expect(shown).toEqual(['pc_1', 'pc_2', 'pc_3'])
    expect(MAX_UNKNOWN_REPLACEMENTS).toBe(3)
    const s = c.store.getState()
    expect([s.phase, s.code, s.error?.status]).toEqual(['error', undefined, 404])
    c.stop()
  })
})

describe('PayCodeController offline', () => {
  test('the offline codes load before a seed is asked for; a failed load waits for the next code', async () => {
    const issuer = fakeIssuer()
    const totp = await import('@/lib/totp')
    let loads = 0
    const offlineCodes = jest.fn(async () => {
      loads += 1
      if (loads === 1) throw new Error('ChunkLoadError: offline-codes')
      return totp
    })
    const c = new PayCodeController({ api: issuer.api, seeds: vault(), offlineCodes })
    c.start('card_1')
    await settle()
    await jest.advanceTimersByTimeAsync(SEED_AFTER_CODE_MS)
    // The chunk did not load: the seed is not asked for (it could not be used).
    expect(issuer.calls).toEqual(['create card_1', 'poll pc_1'])
    expect(offlineCodes).toHaveBeenCalledTimes(1)

    // The next code tries again; this time the codes load, then the seed is provisioned.
    await jest.advanceTimersByTimeAsync(60_000 - REFRESH_BEFORE_MS)
    await jest.advanceTimersByTimeAsync(SEED_AFTER_CODE_MS)
    expect(issuer.calls).toEqual([
      'create card_1',
      'poll pc_1',
      'create card_1',
      'poll pc_2',
      'provision',
    ])
    expect(offlineCodes).toHaveBeenCalledTimes(2)

    issuer.failCreates(new IssuerError({ kind: 'network', message: 'no answer' }))
    c.networkChanged(false)
    await settle()
    expect(c.store.getState()).toMatchObject({
      phase: 'offline',
      code: { mode: 'offline', value: offlinePayCode(SEED, Date.now()) },
    })
    c.stop()
  })

  test('an unreachable issuer switches to TOTP codes, one per step, and only probes', async () => {
    const issuer = fakeIssuer()
    issuer.failCreates(new IssuerError({ kind: 'network', message: 'no answer' }))
    const c = new PayCodeController({ api: issuer.api, seeds: vault(SEED) })
    c.start('card_1')
    await settle()
    let s = c.store.getState()
    expect(s.phase).toBe('offline')
    expect(s.code).toMatchObject({ mode: 'offline', value: offlinePayCode(SEED, T0) })
    expect(s.secondsLeft).toBe(30)
    expect(issuer.calls).toEqual(['create card_1'])

    expect([PROBE_FIRST_MS, PROBE_MAX_MS]).toEqual([30_000, 60_000])
    await jest.advanceTimersByTimeAsync(PROBE_FIRST_MS - 100)
    expect(issuer.calls).toEqual(['create card_1'])
    await jest.advanceTimersByTimeAsync(200)
    expect(issuer.calls).toEqual(['create card_1', 'create card_1'])
    s = c.store.getState()
    expect(s.code?.value).toBe(offlinePayCode(SEED, Date.now()))
    expect(s.code?.value).not.toBe(offlinePayCode(SEED, T0))

    // Probes at 30 s and 90 s (doubling to the 60 s cap; the next is due at 150 s):
    // one request a minute at most, nothing else.
    await jest.advanceTimersByTimeAsync(60_000)
    expect(issuer.calls).toEqual(['create card_1', 'create card_1', 'create card_1'])
    await jest.advanceTimersByTimeAsync(59_000)
    expect(issuer.calls).toEqual(['create card_1', 'create card_1', 'create card_1'])

    issuer.failCreates(undefined)
    c.networkChanged(true)
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'online', code: { mode: 'online' } })
    c.stop()
  })

  test('while the device reports no network nothing is sent; its return probes at once', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault(SEED) })
    c.start('card_1')
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'online', code: { mode: 'online' } })
    const before = issuer.calls.length

    issuer.failCreates(new IssuerError({ kind: 'network', message: 'no answer' }))
    c.networkChanged(false)
    await settle()
    expect(c.store.getState()).toMatchObject({
      phase: 'offline',
      code: { mode: 'offline', value: offlinePayCode(SEED, Date.now()) },
    })
    // Going offline sends nothing (the online code's long-poll was already in flight).
    expect(issuer.calls.slice(before)).toEqual([])
    const cut = issuer.calls.length
    await jest.advanceTimersByTimeAsync(5 * 60_000 + 500)
    expect(issuer.calls.slice(cut)).toEqual([])
    expect(c.store.getState().code?.value).toBe(offlinePayCode(SEED, Date.now()))

    issuer.failCreates(undefined)
    c.networkChanged(true)
    await settle()
    expect(issuer.calls.slice(cut, cut + 1)).toEqual(['create card_1'])
    expect(c.store.getState()).toMatchObject({ phase: 'online', code: { mode: 'online' } })
    c.stop()
  })

  test('offline codes follow the issuer clock measured on the last online code', async () => {
    const issuer = fakeIssuer(61_000)
    const c = new PayCodeController({ api: issuer.api, seeds: vault(SEED) })
    c.start('card_1')
    await settle()
    // Read on the device clock the issuer's expires_at is 121 s away: ttl_s (60 s) wins.
    expect(c.store.getState().code?.deadline).toBe(T0 + 60_000)
    issuer.failCreates(new IssuerError({ kind: 'network', message: 'no answer' }))
    c.networkChanged(false)
    await settle()
    expect(c.store.getState()).toMatchObject({
      phase: 'offline',
      code: { value: offlinePayCode(SEED, T0 + 61_000) },
      secondsLeft: 29,
    })
    c.stop()
  })

  test('the measured skew is kept with the seed, and a cold start offline uses it', async () => {
    // Online once with the issuer 61 s ahead: the seed is stored with that skew.
    const online = fakeIssuer(61_000)
    const kept = vault()
    const first = new PayCodeController({ api: online.api, seeds: kept })
    first.start('card_1')
    await settle()
    await jest.advanceTimersByTimeAsync(SEED_AFTER_CODE_MS + 10)
    expect(kept.kept()).toEqual({ seed: SEED, skewMs: 61_000 })
    first.stop()

    // A new controller (the app started again) with no network at all.
    const offline = fakeIssuer()
    offline.failCreates(new IssuerError({ kind: 'network', message: 'no answer' }))
    const cold = new PayCodeController({ api: offline.api, seeds: kept })
    cold.start('card_1')
    await settle()
    const now = Date.now()
    expect(cold.store.getState()).toMatchObject({
      phase: 'offline',
      code: { value: offlinePayCode(SEED, now + 61_000) },
    })
    expect(offlinePayCode(SEED, now + 61_000)).not.toBe(offlinePayCode(SEED, now))
    cold.stop()
  })

  test('a skew that moved is stored again; request jitter is not', async () => {
    const issuer = fakeIssuer(10_000)
    const kept = vault(SEED, 9_000)
    const c = new PayCodeController({ api: issuer.api, seeds: kept })
    c.start('card_1')
    await settle()
    await jest.advanceTimersByTimeAsync(SEED_AFTER_CODE_MS + 10)
    // 1 s of difference is within SKEW_RESAVE_MS: nothing written.
    expect(kept.kept()).toEqual({ seed: SEED, skewMs: 9_000 })
    c.stop()
    const moved = fakeIssuer(10_000 + SKEW_RESAVE_MS + 1_000)
    const d = new PayCodeController({ api: moved.api, seeds: kept })
    d.start('card_1')
    await settle()
    await jest.advanceTimersByTimeAsync(SEED_AFTER_CODE_MS + 10)
    expect(kept.kept()).toEqual({ seed: SEED, skewMs: 10_000 + SKEW_RESAVE_MS + 1_000 })
    expect(moved.calls).not.toContain('provision')
    d.stop()
  })

  test('without a seed the widget says it cannot reach the bank', async () => {
    const issuer = fakeIssuer()
    issuer.failCreates(new IssuerError({ kind: 'timeout', message: 'slow' }))
    const c = new PayCodeController({ api: issuer.api, seeds: vault() })
    c.start('card_1')
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'error', code: undefined })
    expect(c.store.getState().error?.kind).toBe('timeout')
    c.stop()
  })
})

describe('payCodeLayout', () => {
  test.each(FRAMES.map((f) => [f.id, f] as const))('%s fits its content box', (_id, f) => {
    const layout = payCodeLayout(f)
    // Content width: round faces keep to the inscribed square; cards lose 2 × 8 px padding.
    const box = (f.shape === 'round' ? f.width / Math.SQRT2 : f.width - 16) - 16
    expect(layout.qr % 29).toBe(0)
    const gap = f.id === 'widget-2x2' ? 2 : 8
    const row = layout.row ? layout.qr + gap + (layout.barcode?.width ?? 48) : 0
    expect(Math.max(layout.qr, layout.barcode?.width ?? 0, row)).toBeLessThanOrEqual(box)
    if (layout.barcode) expect(layout.barcode.width).toBeGreaterThanOrEqual(176)
  })

  test('band and 2×2 show the QR alone; round faces show the barcode below', () => {
    expect(payCodeLayout(frameById('band')!).barcode).toBeNull()
    expect(payCodeLayout(frameById('widget-2x2')!).barcode).toBeNull()
    expect(payCodeLayout(frameById('watch-round-l')!).barcode).toEqual({ width: 240, height: 36 })
    expect(payCodeLayout(frameById('watch-round-s')!).barcode).toEqual({ width: 200, height: 28 })
  })

  test("a phone narrower than the frame narrows the barcode to the card's content box", () => {
    const phone = frameById('phone')!
    const widths = [320, 340, 360, 375, 430].map((w) => payCodeLayout(phone, 2, w).barcode?.width)
    // 320 - 52 = 268 and 340 - 52 = 288; from 352 px the 300 px barcode fits.
    expect(widths).toEqual([268, 288, 300, 300, 300])
    expect(payCodeLayout(phone, 2, 320).qr).toBe(232)
  })
})

describe('PayCodeController card lock and payment PIN', () => {
  const SALT = '00112233445566778899aabbccddeeff'
  const pinCheck = (pin: string) => ({
    salt: SALT,
    digest: createHmac('sha256', Buffer.from(SALT, 'hex')).update(pin).digest('hex'),
  })
  const CHECKED_SEED: OfflineSeed = { ...SEED, pin_check: pinCheck('730195') }
  const passes = (token?: string, passed = false) => ({
    token: () => token,
    passed: () => passed,
    passOffline: jest.fn(),
  })

  test('a card the device knows is locked asks for no code at all', async () => {
    const issuer = fakeIssuer()
    const c = new PayCodeController({ api: issuer.api, seeds: vault(), isLocked: () => true })
    c.start('card_1')
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'locked', code: undefined })
    expect(issuer.calls).toEqual([])
    c.stop()
  })

  test('the issuer says card_locked: no code, and the lock is reported', async () => {
    const issuer = fakeIssuer()
    issuer.failCreates(
      new IssuerError({ kind: 'problem', status: 409, code: 'card_locked', message: 'locked' }),
    )
    const onLocked = jest.fn()
    const c = new PayCodeController({ api: issuer.api, seeds: vault(), onLocked })
    c.start('card_1')
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'locked', code: undefined })
    expect(onLocked).toHaveBeenCalledWith('card_1')
    c.stop()
  })

  test('step_up_required asks the check; the grant then goes with the code request', async () => {
    const issuer = fakeIssuer()
    issuer.failCreates(
      new IssuerError({ kind: 'problem', status: 403, code: 'step_up_required', message: 'pin' }),
    )
    const grant: { token?: string } = {}
    const stepUp = { ...passes(), token: () => grant.token }
    const c = new PayCodeController({ api: issuer.api, seeds: vault(), stepUp })
    c.start('card_1')
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'check', check: 'online', code: undefined })
    expect(issuer.api.createOnlinePayCode).toHaveBeenLastCalledWith('card_1', undefined)
    issuer.failCreates(undefined)
    grant.token = 'grant_1'
    c.refresh()
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'online', check: undefined })
    expect(issuer.api.createOnlinePayCode).toHaveBeenLastCalledWith('card_1', 'grant_1')
    c.stop()
  })

  test('offline, a locked card’s seed draws no code', async () => {
    const issuer = fakeIssuer()
    issuer.failCreates(new IssuerError({ kind: 'network', message: 'no answer' }))
    let locked = false
    const c = new PayCodeController({
      api: issuer.api,
      seeds: vault(SEED),
      isLocked: () => locked,
    })
    c.start('card_1')
    locked = true
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'locked', code: undefined })
    c.stop()
  })

  test('offline after a cold start: the PIN is checked against the seed, wrong ones counted with it', async () => {
    const issuer = fakeIssuer()
    issuer.failCreates(new IssuerError({ kind: 'network', message: 'no answer' }))
    const kept = vault(CHECKED_SEED)
    const stepUp = passes()
    const c = new PayCodeController({ api: issuer.api, seeds: kept, stepUp })
    c.start('card_1')
    await settle()
    expect(c.store.getState()).toMatchObject({ phase: 'check', check: 'offline', code: undefined })
    await expect(c.verifyOfflinePin('000000')).resolves.toEqual({ ok: false, attemptsLeft: 4 })
    await expect(c.verifyOfflinePin('111111')).resolves.toEqual({ ok: false, attemptsLeft: 3 })
    expect(kept.kept()?.pinMisses).toBe(2)
    expect(c.store.getState().code).toBeUndefined()
    await expect(c.verifyOfflinePin('730195')).resolves.toEqual({ ok: true, attemptsLeft: 5 })
    expect(stepUp.passOffline).toHaveBeenCalledWith(300_000)
    expect(kept.kept()?.pinMisses).toBe(0)
    expect(c.store.getState()).toMatchObject({
      phase: 'offline',
      code: { value: offlinePayCode(CHECKED_SEED, Date.now()), mode: 'offline' },
    })
    c.stop()
  })

  test('five wrong PINs offline delete the seed: the next code needs the issuer', async () => {
    const issuer = fakeIssuer()
    issuer.failCreates(new IssuerError({ kind: 'network', message: 'no answer' }))
    const kept = vault(CHECKED_SEED)
    const c = new PayCodeController({ api: issuer.api, seeds: kept, stepUp: passes() })
    c.start('card_1')
    await settle()
    for (const left of [4, 3, 2, 1]) {
      await expect(c.verifyOfflinePin('000000')).resolves.toEqual({ ok: false, attemptsLeft: left })
    }
    await expect(c.verifyOfflinePin('000000')).resolves.toEqual({ ok: false, attemptsLeft: 0 })
    expect(kept.kept()).toBeUndefined()
    // Even the right PIN has nothing left to check against.
    await expect(c.verifyOfflinePin('730195')).resolves.toEqual({ ok: false, attemptsLeft: 0 })
    expect(c.store.getState().code).toBeUndefined()
    c.stop()
  })
})
