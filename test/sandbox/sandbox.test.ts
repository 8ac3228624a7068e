import { Secret } from 'otpauth'

import { offlinePayCode, type OfflineSeed } from '@/lib/totp'

import { totpDelta } from '../../sandbox/totp-verify'
import { cnyMoney } from '../support/money'
import { type Harness, startSandbox } from './harness'

const CARD = 'card_good_8888'

describe('RFC 6238 verification (Appendix B test vectors)', () => {
  // The RFC's ASCII seeds: 20, 32 and 64 bytes of "1234567890" repeated.
  const ascii = (length: number) => '1234567890'.repeat(7).slice(0, length)
  const SECRETS = {
    SHA1: Secret.fromLatin1(ascii(20)).base32,
    SHA256: Secret.fromLatin1(ascii(32)).base32,
    SHA512: Secret.fromLatin1(ascii(64)).base32,
  }
  test.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('T=%d accepts %s / %s / %s at step 0', (t, sha1, sha256, sha512) => {
    const at = t * 1000
    expect(totpDelta({ secret: SECRETS.SHA1, algorithm: 'SHA1', period: 30 }, sha1, at)).toBe(0)
    expect(totpDelta({ secret: SECRETS.SHA256, algorithm: 'SHA256', period: 30 }, sha256, at)).toBe(
      0,
    )
    expect(totpDelta({ secret: SECRETS.SHA512, algorithm: 'SHA512', period: 30 }, sha512, at)).toBe(
      0,
    )
  })

  test('±1 step is accepted, ±2 is not', () => {
    const seed = { secret: SECRETS.SHA1, algorithm: 'SHA1', period: 30 }
    expect(totpDelta(seed, '94287082', 59_000 + 30_000)).toBe(-1)
    expect(totpDelta(seed, '94287082', 59_000 - 30_000)).toBe(1)
    expect(totpDelta(seed, '94287082', 59_000 + 60_000)).toBeNull()
  })
})

describe('the sandbox issuer over HTTP', () => {
  let h: Harness
  let good: string

  beforeEach(async () => {
    h = await startSandbox({
      clockStart: '2026-11-22T02:00:00Z',
      rateLimit: { max: 1000, timeWindowMs: 60_000 },
    })
    good = (await h.signIn('good')).access
  })
  afterEach(() => h.close())

  describe('repayments are idempotent', () => {
    const repay = (key: string, amount: number) =>
      h.call('POST', `/v1/cards/${CARD}/repayments`, {
        token: good,
        body: { amount: cnyMoney(amount) },
        headers: { 'Idempotency-Key': key },
      })

    test('a replay returns the stored response and pays once', async () => {
      const first = await repay('key-replay-0001', 10_000)
      const again = await repay('key-replay-0001', 10_000)
      expect(first.status).toBe(201)
      expect(again.status).toBe(201)
      expect(again.body).toEqual(first.body)
      expect(again.headers.get('idempotent-replayed')).toBe('true')
      const list = await h.call('GET', `/v1/cards/${CARD}/repayments`, { token: good })
      expect((list.body as { data: unknown[] }).data).toHaveLength(1)
      const statement = await h.call('GET', `/v1/cards/${CARD}/statements/current`, { token: good })
      expect(statement.body).toMatchObject({
        paid_to_date: cnyMoney(10_000),
        status: 'partially_paid',
      })
      const balance = await h.call('GET', `/v1/cards/${CARD}/balance`, { token: good })
      expect(balance.body).toMatchObject({
        available_credit: cnyMoney(4_611_457 + 10_000),
        current_balance: cnyMoney(376_543 - 10_000),
      })
    })

    test('the same key with another body is a 422', async () => {
      expect((await repay('key-reuse-0001', 10_000)).status).toBe(201)
      const other = await repay('key-reuse-0001', 20_000)
      expect(other.status).toBe(422)
      expect(other.body).toMatchObject({ code: 'idempotency_key_reused' })
    })

    test('a concurrent duplicate is a 409, and only one repayment is made', async () => {
      const [a, b] = await Promise.all([
        repay('key-race-0001', 5_000),
        repay('key-race-0001', 5_000),
      ])
      expect([a.status, b.status].sort()).toEqual([201, 409])
      expect([a, b].find((r) => r.status === 409)?.body).toMatchObject({
        code: 'idempotency_in_progress',
      })
      const list = await h.call('GET', `/v1/cards/${CARD}/repayments`, { token: good })
      expect((list.body as { data: unknown[] }).data).toHaveLength(1)
    })

    test('paying the rest marks the statement paid', async () => {
      await repay('key-full-00001', 376_543)
      const statement = await h.call('GET', `/v1/cards/${CARD}/statements/current`, { token: good })
      expect(statement.body).toMatchObject({ status: 'paid', paid_to_date: cnyMoney(376_543) })
    })
  })

  describe('sessions', () => {
    test('access tokens expire with the sandbox clock; refresh rotates', async () => {
      const session = await h.signIn('good')
      await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 901 } })
      const expired = await h.call('GET', '/v1/cards', { token: session.access })
      expect(expired.status).toBe(401)
      expect(expired.body).toMatchObject({ code: 'token_expired' })
      const rotated = await h.call('POST', '/v1/auth/refresh', {
        body: { refresh_token: session.refresh },
      })
      expect(rotated.status).toBe(201)
      const next = rotated.body as { access_token: string; refresh_token: string }
      expect(next.refresh_token).not.toBe(session.refresh)
      expect((await h.call('GET', '/v1/cards', { token: next.access_token })).status).toBe(200)
    })

    test('reusing a rotated refresh token revokes the whole family', async () => {
      const session = await h.signIn('good')
      const rotated = await h.call('POST', '/v1/auth/refresh', {
        body: { refresh_token: session.refresh },
      })
      // The new refresh token is used too, which ends the old one's grace window.
      const next = (
        await h.call('POST', '/v1/auth/refresh', {
          body: { refresh_token: (rotated.body as { refresh_token: string }).refresh_token },
        })
      ).body as { access_token: string; refresh_token: string }
      const reuse = await h.call('POST', '/v1/auth/refresh', {
        body: { refresh_token: session.refresh },
      })
      expect(reuse.status).toBe(401)
      expect(reuse.body).toMatchObject({ code: 'refresh_reused' })
      expect((await h.call('GET', '/v1/cards', { token: next.access_token })).status).toBe(401)
      const again = await h.call('POST', '/v1/auth/refresh', {
        body: { refresh_token: next.refresh_token },
      })
      expect(again.body).toMatchObject({ code: 'refresh_reused' })
    })

    test('a login code with a nonce is single-use; logout revokes', async () => {
      const body = { provider: 'wechat', code: 'sandbox:maxed:once' }
      expect((await h.call('POST', '/v1/auth/sessions', { body })).status).toBe(201)
      const reused = await h.call('POST', '/v1/auth/sessions', { body })
      expect(reused.body).toMatchObject({ code: 'invalid_grant' })
      expect((await h.call('DELETE', '/v1/auth/sessions/current', { token: good })).status).toBe(
        204,
      )
      expect((await h.call('GET', '/v1/cards', { token: good })).status).toBe(401)
    })
  })

  describe('pay codes', () => {
    const scan = (code: string, outcome = 'success') =>
      h.call('POST', '/v1/sandbox/scan', {
        body: { code, amount: cnyMoney(2_350), merchant: 'Lawson 罗森', outcome },
      })

    test('online: 19 digits starting 62, no-store, single use, result by long-poll', async () => {
      const created = await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
        token: good,
        body: { mode: 'online' },
      })
      const code = created.body as { id: string; code: string; ttl_s: number; expires_at: string }
      expect(code.code).toMatch(/^62\d{17}$/)
      expect(code.ttl_s).toBe(60)
      expect(
        Date.parse(code.expires_at) - Date.parse('2026-11-22T02:00:00Z'),
      ).toBeGreaterThanOrEqual(60_000)
      expect(created.headers.get('cache-control')).toBe('no-store')
      const poll = h.call('GET', `/v1/pay-codes/${code.id}?wait_s=10&since=active`, { token: good })
      expect((await scan(code.code)).status).toBe(200)
      expect((await poll).body).toMatchObject({
        status: 'succeeded',
        amount: cnyMoney(2_350),
        merchant: 'Lawson 罗森',
      })
      expect((await scan(code.code)).body).toMatchObject({ code: 'code_used' })
    })

    test('an expired online code is rejected', async () => {
      const created = await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
        token: good,
        body: { mode: 'online' },
      })
      const code = created.body as { id: string; code: string }
      await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 61 } })
      const late = await scan(code.code)
      expect(late.status).toBe(410)
      expect(late.body).toMatchObject({ code: 'code_expired' })
    })

    test('a new online code revokes the previous one; decline is reported', async () => {
      const first = (
        await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
          token: good,
          body: { mode: 'online' },
        })
      ).body as { id: string; code: string }
      const second = (
        await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
          token: good,
          body: { mode: 'online' },
        })
      ).body as { id: string; code: string }
      expect((await scan(first.code)).body).toMatchObject({ status: 410, code: 'code_revoked' })
      expect((await scan(second.code, 'decline')).body).toMatchObject({ status: 'declined' })
    })

    test('offline: a seed-generated code is accepted once, within ±1 step', async () => {
      const created = await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
        token: good,
        body: { mode: 'offline', device_id: 'watch-0001' },
      })
      const seed = created.body as OfflineSeed
      const clock = (await h.call('GET', '/v1/sandbox/clock')).body as { now: string }
      const now = Date.parse(clock.now)
      const code = offlinePayCode(seed, now - 30_000) // one step behind
      expect(code).toMatch(/^62\d{17}$/)
      expect((await scan(code)).body).toMatchObject({ pay_code_id: seed.id, status: 'succeeded' })
      expect((await scan(code)).body).toMatchObject({ code: 'code_used' })
      expect((await scan(offlinePayCode(seed, now - 90_000))).status).toBe(404)
      const result = await h.call('GET', `/v1/pay-codes/${seed.id}`, { token: good })
      expect(result.body).toMatchObject({ status: 'succeeded', amount: cnyMoney(2_350) })
    })
  })

  test('every card-scoped route hides another user\u2019s card (404), and pay codes too', async () => {
    const mallory = (await h.signIn('overdue')).access
    const routes: [string, string, unknown?][] = [
      ['GET', `/v1/cards/${CARD}/balance`],
      ['GET', `/v1/cards/${CARD}/statements/current`],
      ['GET', `/v1/cards/${CARD}/repayments`],
      ['POST', `/v1/cards/${CARD}/repayments`, { amount: cnyMoney(1) }],
      ['POST', `/v1/cards/${CARD}/pay-codes`, { mode: 'online' }],
      ['GET', `/v1/cards/${CARD}/reminders`],
      ['POST', `/v1/cards/${CARD}/reminders`, { channel: 'in_app', days_before: 1 }],
      ['DELETE', `/v1/cards/${CARD}/reminders/rm_x`],
    ]
    for (const [method, url, body] of routes) {
      const response = await h.call(method, url, {
        token: mallory,
        body,
        headers: { 'Idempotency-Key': 'mallory-key-01' },
      })
      expect([method, url, response.status]).toEqual([method, url, 404])
      expect(response.body).toMatchObject({ code: 'not_found' })
    }
    const code = (
      await h.call('POST', `/v1/cards/${CARD}/pay-codes`, { token: good, body: { mode: 'online' } })
    ).body as { id: string }
    expect((await h.call('GET', `/v1/pay-codes/${code.id}`, { token: mallory })).status).toBe(404)
    expect((await h.call('DELETE', `/v1/pay-codes/${code.id}`, { token: mallory })).status).toBe(
      404,
    )
    const cards = await h.call('GET', '/v1/cards', { token: mallory })
    expect((cards.body as { data: { id: string }[] }).data.map((c) => c.id)).toEqual([
      'card_overdue_4242',
    ])
  })

  test('ETag and 304 on GETs', async () => {
    const first = await h.call('GET', `/v1/cards/${CARD}/balance`, { token: good })
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^W\/"/)
    const second = await h.call('GET', `/v1/cards/${CARD}/balance`, {
      token: good,
      headers: { 'If-None-Match': etag! },
    })
    expect(second.status).toBe(304)
    expect(second.text).toBe('')
  })

  test('the clock: due dates pass into overdue, reminders fire into the outbox', async () => {
    await h.call('POST', `/v1/cards/${CARD}/reminders`, {
      token: good,
      body: { channel: 'wechat', days_before: 3 },
    })
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 9 * 86_400 } })
    const outbox = await h.call('GET', '/v1/sandbox/outbox')
    expect((outbox.body as { data: unknown[] }).data).toEqual([
      expect.objectContaining({
        kind: 'reminder',
        card_id: CARD,
        channel: 'wechat',
        due_date: '2026-12-04',
      }),
    ])
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 4 * 86_400 } })
    const fresh = (await h.signIn('good')).access // 13 days on, the first session has expired
    const statement = await h.call('GET', `/v1/cards/${CARD}/statements/current`, { token: fresh })
    expect(statement.body).toMatchObject({ due_date: '2026-12-04', status: 'overdue' })
  })

  test('persona no-statement has a card but no statement', async () => {
    const token = (await h.signIn('no-statement')).access
    const response = await h.call('GET', '/v1/cards/card_new_6201/statements/current', { token })
    expect(response.status).toBe(404)
    expect(response.body).toMatchObject({ code: 'no_statement' })
  })

  describe('fault injection', () => {
    // `raw`: these answers are broken on purpose, the contract check would refuse them.
    const get = (fault: string) =>
      h.call('GET', `/v1/cards/${CARD}/balance`, {
        token: good,
        headers: { 'X-Sandbox-Fault': fault },
        raw: true,
      })

    test('status with Retry-After', async () => {
      const response = await get('status=503;retry_after=2')
      expect(response.status).toBe(503)
      expect(response.headers.get('retry-after')).toBe('2')
      expect(response.body).toMatchObject({ code: 'unavailable', retryable: true })
    })

    test('latency', async () => {
      const started = Date.now()
      expect((await get('latency=300')).status).toBe(200)
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    })

    test('malformed, truncated, missing and extra fields, wrong content type', async () => {
      const malformed = (await get('body=malformed')).text
      expect(() => JSON.parse(malformed)).toThrow()
      const truncated = (await get('body=truncated')).text
      expect(() => JSON.parse(truncated)).toThrow()
      expect(
        Object.keys(JSON.parse((await get('body=missing_field')).text) as object),
      ).not.toContain('card_id')
      expect(JSON.parse((await get('body=extra_field')).text)).toMatchObject({
        sandbox_extra: true,
      })
      expect((await get('content_type=text/html')).headers.get('content-type')).toMatch(
        /^text\/html/,
      )
    })

    test('an expired token, and a dropped connection', async () => {
      expect((await get('token=expired')).body).toMatchObject({ code: 'token_expired' })
      await expect(get('drop')).rejects.toThrow()
    })

    test('rules: route, method, times, seeded probability', async () => {
      await h.call('POST', '/v1/sandbox/faults', {
        body: {
          seed: 1,
          rules: [{ route: '/v1/cards/*/balance', method: 'GET', times: 2, status: 500 }],
        },
      })
      const statuses = []
      for (let i = 0; i < 3; i += 1)
        statuses.push((await h.call('GET', `/v1/cards/${CARD}/balance`, { token: good })).status)
      expect(statuses).toEqual([500, 500, 200])
      const roll = async () => {
        await h.call('POST', '/v1/sandbox/faults', {
          body: { seed: 99, rules: [{ route: '/v1/cards', probability: 0.5, status: 503 }] },
        })
        const out = []
        for (let i = 0; i < 8; i += 1)
          out.push((await h.call('GET', '/v1/cards', { token: good })).status)
        return out
      }
      const firstRun = await roll()
      expect(firstRun).toEqual(await roll()) // seeded: a failing run repeats
      expect(new Set(firstRun)).toEqual(new Set([200, 503]))
    })
  })

  test('rate limit per token answers 429 with Retry-After', async () => {
    const limited = await startSandbox({ rateLimit: { max: 3, timeWindowMs: 60_000 } })
    const token = (await limited.signIn('good')).access
    const statuses = []
    let last
    for (let i = 0; i < 4; i += 1) {
      last = await limited.call('GET', '/v1/cards', { token })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(last!.body).toMatchObject({ code: 'rate_limited' })
    await limited.close()
  })

  test('logs carry no token, pay code or secret', async () => {
    const session = await h.signIn('good')
    const created = await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
      token: session.access,
      body: { mode: 'online' },
    })
    const seed = await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
      token: session.access,
      body: { mode: 'offline', device_id: 'watch-0002' },
    })
    const code = (created.body as { code: string }).code
    await h.call('POST', '/v1/sandbox/scan', {
      body: { code, amount: cnyMoney(1), merchant: 'm', outcome: 'success' },
    })
    const logs = h.logs.join('')
    expect(logs.length).toBeGreaterThan(0)
    for (const secret of [
      session.access,
      session.refresh,
      code,
      (seed.body as { secret: string }).secret,
    ]) {
      expect(logs).not.toContain(secret)
    }
    expect(logs).not.toMatch(/authorization/i)
  })
})
