import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import {
  type OfflineSeed,
  PAYMENT_PIN_RULES,
  type PaymentCheck,
  type SoterChallenge,
  type StepUp,
} from '@contract'
import Database from 'better-sqlite3'

import { offlinePayCode } from '@/lib/totp'

import { cnyMoney } from '../support/money'
import { clearPinLockouts, setPaymentPin } from '../support/sandbox-controls'
import { type Harness, startSandbox } from './harness'

/**
 * The payment check: an optional 6-digit PIN (WeChat SOTER in its place when biometrics
 * are on), proved for a short-lived step-up grant that pay codes need; 5 wrong PINs in
 * a row lock PIN entry for 15 minutes on the sandbox clock.
 */
const START = '2026-11-22T02:00:00Z'
const CARD = 'card_good_8888'
const PIN = '482916'

let h: Harness
let token: string

beforeEach(async () => {
  h = await startSandbox({ clockStart: START })
  token = (await h.signIn('good')).access
})
afterEach(() => h.close())

const check = async (as = token) =>
  (await h.call('GET', '/v1/payment-check', { token: as })).body as PaymentCheck
const setCheck = (body: Record<string, unknown>, as = token) =>
  h.call('PUT', '/v1/payment-check', { token: as, body })
const stepUp = (body: Record<string, unknown>, as = token) =>
  h.call('POST', '/v1/payment-check/step-ups', { token: as, body })
const pinStepUp = (pin: string, as = token) => stepUp({ method: 'pin', pin }, as)
const grantOf = async (pin = PIN, as = token) => {
  const answer = await pinStepUp(pin, as)
  if (answer.status !== 201) throw new Error(`step-up: ${answer.status} ${answer.text}`)
  return (answer.body as StepUp).step_up_token
}
const payCode = (body: Record<string, unknown> = {}, as = token) =>
  h.call('POST', `/v1/cards/${CARD}/pay-codes`, { token: as, body: { mode: 'online', ...body } })
const provision = (body: Record<string, unknown> = {}) =>
  payCode({ mode: 'offline', device_id: 'watch-pin-0001', ...body })
const advance = (seconds: number) =>
  h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds } })
const sandboxNow = async () =>
  Date.parse(((await h.call('GET', '/v1/sandbox/clock')).body as { now: string }).now)
const scan = (code: string) =>
  h.call('POST', '/v1/sandbox/scan', {
    body: { code, amount: cnyMoney(1_200), merchant: 'FamilyMart', outcome: 'success' },
  })
/** [status, code, attempts_left, locked_until] of a refusal. */
const refusal = (answer: { status: number; body: unknown }) => {
  const body = answer.body as { code?: string; attempts_left?: number; locked_until?: string }
  return [answer.status, body.code, body.attempts_left, body.locked_until]
}
const hmacHex = (saltHex: string, pin: string) =>
  crypto.createHmac('sha256', Buffer.from(saltHex, 'hex')).update(pin, 'ascii').digest('hex')

const OPEN: PaymentCheck = {
  pin_set: false,
  biometrics: false,
  attempts_left: 5,
  locked_until: null,
}

describe('without a PIN', () => {
  test('the check reads empty, pay codes need no grant, a step-up has nothing to prove (422)', async () => {
    expect(await check()).toEqual(OPEN)
    expect((await payCode()).status).toBe(201)
    const refused = await pinStepUp(PIN)
    expect([refused.status, refused.body]).toEqual([
      422,
      expect.objectContaining({
        code: 'validation_failed',
        detail: 'no payment PIN is set: there is nothing to prove',
      }),
    ])
    expect(refusal(await setCheck({ biometrics: true }))).toEqual([
      422,
      'validation_failed',
      undefined,
      undefined,
    ])
    expect(refusal(await setCheck({ pin: PIN, current_pin: PIN }))).toEqual([
      422,
      'validation_failed',
      undefined,
      undefined,
    ])
    expect(refusal(await setCheck({}))).toEqual([422, 'validation_failed', undefined, undefined])
    expect(await check()).toEqual(OPEN)
  })
})

test('setting the first PIN revokes the seeds provisioned without one (they carry no pin_check)', async () => {
  const seed = (await provision()).body as OfflineSeed
  expect(seed.pin_check).toBeUndefined()
  expect((await setCheck({ pin: PIN })).status).toBe(200)
  const answer = await scan(offlinePayCode(seed, await sandboxNow()))
  expect(refusal(answer).slice(0, 2)).toEqual([410, 'code_revoked'])
})

describe('with a PIN', () => {
  beforeEach(async () => {
    expect((await setCheck({ pin: PIN })).body).toEqual({ ...OPEN, pin_set: true })
  })

  test('a pay code needs a step-up grant: 403 step_up_required without, 201 with', async () => {
    const refused = await payCode()
    expect([refused.status, refused.body]).toEqual([
      403,
      expect.objectContaining({ code: 'step_up_required' }),
    ])
    expect((await payCode({ step_up_token: 'not-a-grant' })).status).toBe(403)
    const grant = await grantOf()
    expect((await payCode({ step_up_token: grant })).status).toBe(201)
  })

  test('the grant is reusable while it lasts (300 s on the sandbox clock), then refused', async () => {
    const answer = await pinStepUp(PIN)
    expect([answer.status, answer.body]).toEqual([
      201,
      { step_up_token: expect.stringMatching(/^[\w-]{43}$/), expires_in: 300 },
    ])
    expect(answer.headers.get('cache-control')).toBe('no-store')
    const grant = (answer.body as StepUp).step_up_token
    expect((await payCode({ step_up_token: grant })).status).toBe(201)
    expect((await provision({ step_up_token: grant })).status).toBe(201)
    await advance(PAYMENT_PIN_RULES.stepUpTtlS - 2)
    expect((await payCode({ step_up_token: grant })).status).toBe(201)
    await advance(2)
    expect(refusal(await payCode({ step_up_token: grant }))).toEqual([
      403,
      'step_up_required',
      undefined,
      undefined,
    ])
  })

  test("a grant serves only the session that proved the PIN, and no other cardholder's", async () => {
    const grant = await grantOf()
    const sameUserNewSession = (await h.signIn('good')).access
    expect((await payCode({ step_up_token: grant }, sameUserNewSession)).status).toBe(403)
    const other = (await h.signIn('multi-card')).access
    expect((await setCheck({ pin: '111111' }, other)).status).toBe(200)
    const answer = await h.call('POST', '/v1/cards/card_multi_1001/pay-codes', {
      token: other,
      body: { mode: 'online', step_up_token: grant },
    })
    expect(answer.status).toBe(403)
    // Signing out ends the session's grants with it.
    expect((await h.call('DELETE', '/v1/auth/sessions/current', { token })).status).toBe(204)
    expect((await payCode({ step_up_token: grant }, sameUserNewSession)).status).toBe(403)
  })

  test('wrong PINs: 4, 3, 2, 1 attempts left, then pin_locked until now + 900 s; even the right PIN is locked', async () => {
    const answers = []
    for (let i = 0; i < 4; i += 1) answers.push(refusal(await pinStepUp('000000')))
    expect(answers).toEqual([
      [403, 'pin_incorrect', 4, undefined],
      [403, 'pin_incorrect', 3, undefined],
      [403, 'pin_incorrect', 2, undefined],
      [403, 'pin_incorrect', 1, undefined],
    ])
    expect(await check()).toEqual({ ...OPEN, pin_set: true, attempts_left: 1 })
    const before = await sandboxNow()
    const fifth = await pinStepUp('000000')
    const after = await sandboxNow()
    const lockedUntil = (fifth.body as { locked_until: string }).locked_until
    expect([fifth.status, fifth.body]).toEqual([
      403,
      {
        type: 'https://cardlet.dev/problems/pin_locked',
        title: 'Forbidden',
        status: 403,
        detail: `too many wrong PINs: PIN entry is locked until ${lockedUntil}`,
        code: 'pin_locked',
        request_id: fifth.headers.get('x-request-id'),
        retryable: false,
        locked_until: lockedUntil,
      },
    ])
    expect(Date.parse(lockedUntil)).toBeGreaterThanOrEqual(before + 900_000)
    expect(Date.parse(lockedUntil)).toBeLessThanOrEqual(after + 900_000)
    expect(await check()).toEqual({
      pin_set: true,
      biometrics: false,
      attempts_left: 0,
      locked_until: lockedUntil,
    })
    expect(refusal(await pinStepUp(PIN))).toEqual([403, 'pin_locked', undefined, lockedUntil])
    expect(refusal(await setCheck({ pin: '111111', current_pin: PIN }))).toEqual([
      403,
      'pin_locked',
      undefined,
      lockedUntil,
    ])
  })

  test('the lockout ends on the sandbox clock: locked 899 s later, open at 900 s with 5 attempts', async () => {
    for (let i = 0; i < 5; i += 1) await pinStepUp('000000')
    await advance(899)
    token = (await h.signIn('good')).access
    expect(refusal(await pinStepUp(PIN))[1]).toBe('pin_locked')
    await advance(1)
    expect(await check()).toEqual({ ...OPEN, pin_set: true })
    expect((await pinStepUp(PIN)).status).toBe(201)
  })

  test('the clear control opens PIN entry again for everyone and says how many it changed', async () => {
    for (let i = 0; i < 5; i += 1) await pinStepUp('000000')
    const other = (await h.signIn('multi-card')).access
    await setCheck({ pin: '111111' }, other)
    await pinStepUp('222222', other)
    expect(await clearPinLockouts(h.base)).toBe(2)
    expect(await check()).toEqual({ ...OPEN, pin_set: true })
    expect(await check(other)).toEqual({ ...OPEN, pin_set: true })
    expect((await pinStepUp(PIN)).status).toBe(201)
    // Nothing left to clear.
    const again = await h.call('DELETE', '/v1/sandbox/pin-lockouts')
    expect([again.status, again.body]).toEqual([200, { cleared: 0 }])
  })

  test('a right PIN resets the count', async () => {
    await pinStepUp('000000')
    await pinStepUp('000000')
    expect((await pinStepUp(PIN)).status).toBe(201)
    expect(refusal(await pinStepUp('000000'))).toEqual([403, 'pin_incorrect', 4, undefined])
  })

  test('changing the PIN needs the current one (a wrong one counts); the old PIN proves nothing after', async () => {
    expect(refusal(await setCheck({ pin: '135790' }))).toEqual([
      422,
      'validation_failed',
      undefined,
      undefined,
    ])
    expect(refusal(await setCheck({ pin: '135790', current_pin: '000000' }))).toEqual([
      403,
      'pin_incorrect',
      4,
      undefined,
    ])
    expect(refusal(await pinStepUp('000000'))).toEqual([403, 'pin_incorrect', 3, undefined])
    const grant = await grantOf()
    const changed = await setCheck({ pin: '135790', current_pin: PIN })
    expect([changed.status, changed.body]).toEqual([200, { ...OPEN, pin_set: true }])
    // The change ends the grants proved with the old PIN.
    expect((await payCode({ step_up_token: grant })).status).toBe(403)
    expect(refusal(await pinStepUp(PIN))).toEqual([403, 'pin_incorrect', 4, undefined])
    expect((await pinStepUp('135790')).status).toBe(201)
  })

  test('removing the PIN: pay codes need no grant again, biometrics end with it', async () => {
    expect((await setCheck({ biometrics: true, current_pin: PIN })).body).toEqual({
      ...OPEN,
      pin_set: true,
      biometrics: true,
    })
    expect(refusal(await setCheck({ pin: null, current_pin: '000000' }))[1]).toBe('pin_incorrect')
    expect(refusal(await setCheck({ pin: null, biometrics: true, current_pin: PIN }))[0]).toBe(422)
    const removed = await setCheck({ pin: null, current_pin: PIN })
    expect([removed.status, removed.body]).toEqual([200, OPEN])
    expect((await payCode()).status).toBe(201)
    const seed = (await provision()).body as OfflineSeed
    expect(seed.pin_check).toBeUndefined()
  })

  test("an offline seed carries pin_check: HMAC-SHA256(salt, the PIN's digits)", async () => {
    const seed = (await provision({ step_up_token: await grantOf() })).body as OfflineSeed
    const pinCheck = seed.pin_check
    expect(pinCheck).toEqual({
      salt: expect.stringMatching(/^[0-9a-f]{32}$/),
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    })
    expect(pinCheck && hmacHex(pinCheck.salt, PIN)).toBe(pinCheck?.digest)
    expect(pinCheck && hmacHex(pinCheck.salt, '000000')).not.toBe(pinCheck?.digest)
  })

  test("setting, changing or removing the PIN revokes the cardholder's seeds: their codes answer 410 code_revoked", async () => {
    const fresh = async () =>
      (await provision({ step_up_token: await grantOf() })).body as OfflineSeed
    const first = await fresh()
    expect((await setCheck({ pin: '135790', current_pin: PIN })).status).toBe(200)
    const code = offlinePayCode(first, await sandboxNow())
    expect(refusal(await scan(code)).slice(0, 2)).toEqual([410, 'code_revoked'])
    // A seed under the new PIN carries the new PIN's check, and pays.
    const second = (await provision({ step_up_token: await grantOf('135790') })).body as OfflineSeed
    expect(second.pin_check && hmacHex(second.pin_check.salt, '135790')).toBe(
      second.pin_check?.digest,
    )
    expect((await scan(offlinePayCode(second, await sandboxNow()))).body).toMatchObject({
      status: 'succeeded',
    })
    expect((await setCheck({ pin: null, current_pin: '135790' })).status).toBe(200)
    await advance(30)
    const after = offlinePayCode(second, await sandboxNow())
    expect(refusal(await scan(after)).slice(0, 2)).toEqual([410, 'code_revoked'])
  })

  test('biometrics: on and off with the current PIN; SOTER proves the check only while on', async () => {
    const soter = (resultJson: string) =>
      stepUp({ method: 'soter', result_json: resultJson, result_json_signature: 'c2lnbmF0dXJl' })
    const challenge = () => h.call('POST', '/v1/payment-check/soter-challenges', { token })
    /** A SOTER result over a challenge the issuer just issued. */
    const signed = async () => {
      const issued = await challenge()
      expect(issued.status).toBe(201)
      const { challenge: raw, expires_in: ttl } = issued.body as SoterChallenge
      expect([raw, ttl]).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), 120])
      return JSON.stringify({ raw, fid: '1', counter: 1 })
    }
    const good = JSON.stringify({ raw: 'challenge-1', fid: '1', counter: 1 })
    expect(refusal(await soter(good))).toEqual([422, 'validation_failed', undefined, undefined])
    expect(refusal(await challenge())).toEqual([422, 'validation_failed', undefined, undefined])
    expect(refusal(await setCheck({ biometrics: true }))[0]).toBe(422)
    expect(refusal(await setCheck({ biometrics: true, current_pin: '000000' }))[1]).toBe(
      'pin_incorrect',
    )
    expect((await setCheck({ biometrics: true, current_pin: PIN })).body).toMatchObject({
      biometrics: true,
      attempts_left: 5,
    })
    // A challenge the issuer never issued, or shapes with none.
    for (const bad of [good, '{"raw":""}', '{"raw":7}', '[1,2]', '"raw"', 'not json', '{}']) {
      expect([bad, ...refusal(await soter(bad))]).toEqual([
        bad,
        403,
        'step_up_required',
        undefined,
        undefined,
      ])
    }
    // A failed SOTER proof counts no PIN attempt.
    expect((await check()).attempts_left).toBe(5)
    const once = await signed()
    const granted = await soter(once)
    expect([granted.status, (granted.body as StepUp).expires_in]).toEqual([201, 300])
    // A challenge answers one proof: the same result again is refused.
    expect(refusal(await soter(once))[1]).toBe('step_up_required')
    // An expired challenge is refused.
    const late = await signed()
    await advance(121)
    expect(refusal(await soter(late))[1]).toBe('step_up_required')
    // Another cardholder's challenge is not this one's.
    const otherToken = (await h.signIn('multi-card')).access
    const theirs = await h.call('POST', '/v1/payment-check/soter-challenges', { token: otherToken })
    expect(theirs.status).toBe(422)
    const grant = (granted.body as StepUp).step_up_token
    expect((await payCode({ step_up_token: grant })).status).toBe(201)
    // A PIN lockout locks PIN entry, not SOTER.
    for (let i = 0; i < 5; i += 1) await pinStepUp('000000')
    expect((await soter(await signed())).status).toBe(201)
    await clearPinLockouts(h.base)
    expect((await setCheck({ biometrics: false, current_pin: PIN })).body).toMatchObject({
      biometrics: false,
    })
    expect(refusal(await soter(good))[0]).toBe(422)
    expect(refusal(await challenge())[0]).toBe(422)
  })

  test('a reset drops every PIN and grant', async () => {
    const grant = await grantOf()
    await h.call('POST', '/v1/sandbox/reset')
    token = (await h.signIn('good')).access
    expect(await check()).toEqual(OPEN)
    expect((await payCode()).status).toBe(201)
    expect((await payCode({ step_up_token: grant })).status).toBe(201)
  })
})

test('the controls helper sets, changes and removes a PIN as the cardholder', async () => {
  expect(await setPaymentPin(h.base, 'good', PIN)).toEqual({ ...OPEN, pin_set: true })
  await expect(setPaymentPin(h.base, 'good', '135790', '000000')).rejects.toThrow(
    'PUT /v1/payment-check: 403',
  )
  expect(await setPaymentPin(h.base, 'good', '135790', PIN)).toEqual({ ...OPEN, pin_set: true })
  expect(await setPaymentPin(h.base, 'good', null, '135790')).toEqual(OPEN)
})

test('the step-up and the payment check spend the session budget of the rate limit', async () => {
  const limited = await startSandbox({ rateLimit: { max: 3, timeWindowMs: 60_000 } })
  try {
    const session = (await limited.signIn('good')).access
    const statuses = []
    for (const call of [
      () => limited.call('PUT', '/v1/payment-check', { token: session, body: { pin: PIN } }),
      () =>
        limited.call('POST', '/v1/payment-check/step-ups', {
          token: session,
          body: { method: 'pin', pin: PIN },
        }),
      () => limited.call('GET', '/v1/payment-check', { token: session }),
      () =>
        limited.call('POST', '/v1/payment-check/step-ups', {
          token: session,
          body: { method: 'pin', pin: '000000' },
        }),
      () => limited.call('PUT', '/v1/payment-check', { token: session, body: { pin: null } }),
    ]) {
      statuses.push((await call()).status)
    }
    expect(statuses).toEqual([200, 201, 200, 429, 429])
  } finally {
    await limited.close()
  }
})

describe('the PIN is kept nowhere in plain', () => {
  const DISTINCT = '730195'
  let dir: string
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-pin-'))
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('not in the database file (its pages, its WAL, any row), not in a log line', async () => {
    const dbPath = path.join(dir, 'sandbox.db')
    const onFile = await startSandbox({ dbPath, clockStart: START })
    let logs = ''
    try {
      const session = (await onFile.signIn('good')).access
      const put = (body: Record<string, unknown>) =>
        onFile.call('PUT', '/v1/payment-check', { token: session, body })
      expect((await put({ pin: DISTINCT })).status).toBe(200)
      const proof = await onFile.call('POST', '/v1/payment-check/step-ups', {
        token: session,
        body: { method: 'pin', pin: DISTINCT },
      })
      expect(proof.status).toBe(201)
      expect((await put({ biometrics: true, current_pin: DISTINCT })).status).toBe(200)
      const seed = await onFile.call('POST', `/v1/cards/${CARD}/pay-codes`, {
        token: session,
        body: {
          mode: 'offline',
          device_id: 'watch-pin-0002',
          step_up_token: (proof.body as StepUp).step_up_token,
        },
      })
      expect(seed.status).toBe(201)
      // While the sandbox runs, before any checkpoint folds the WAL into the file.
      const bytes = [dbPath, `${dbPath}-wal`]
        .filter((file) => fs.existsSync(file))
        .map((file) => fs.readFileSync(file).toString('latin1'))
      expect(bytes.length).toBeGreaterThan(0)
      for (const content of bytes) expect(content).not.toContain(DISTINCT)
      logs = onFile.logs.join('')
    } finally {
      await onFile.close()
    }
    expect(logs).toContain('/v1/payment-check')
    expect(logs).not.toContain(DISTINCT)
    const db = new Database(dbPath, { readonly: true })
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string
      }[]
      const rows = tables.flatMap(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all())
      const dump = JSON.stringify(rows)
      expect(dump).toContain('scrypt$16384$8$1$')
      expect(dump).not.toContain(DISTINCT)
    } finally {
      db.close()
    }
  })
})
