import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Balance, Card, OfflineSeed, PayCodeStatus, Statement } from '@contract'

import { offlinePayCode } from '@/lib/totp'

import { PERSONA_NAMES, PERSONAS } from '../../sandbox/personas'
import { cnyMoney } from '../support/money'
import { type Harness, startSandbox } from './harness'

// 10:00 in Asia/Shanghai (today is 2026-11-22), on a 30 s TOTP step boundary: offline codes
// a step either side of "now" stay a full step away from the window's edge during a test.
const START = '2026-11-22T02:00:00Z'
const CARD = 'card_good_8888'

let h: Harness
let good: string

beforeEach(async () => {
  h = await startSandbox({ clockStart: START })
  good = (await h.signIn('good')).access
})
afterEach(() => h.close())

const advance = (seconds: number) =>
  h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds } })
const onlineCode = async () =>
  (await h.call('POST', `/v1/cards/${CARD}/pay-codes`, { token: good, body: { mode: 'online' } }))
    .body as { id: string; code: string }
const scan = (code: string, outcome: string, amount = 4_200) =>
  h.call('POST', '/v1/sandbox/scan', {
    body: { code, amount: cnyMoney(amount), merchant: '7-Eleven', outcome },
  })
const poll = (id: string, query: string) =>
  h.call('GET', `/v1/pay-codes/${id}?${query}`, { token: good }) as Promise<{
    status: number
    body: PayCodeStatus
  }>

describe('personas are seeded exactly as PERSONAS says', () => {
  test.each(PERSONA_NAMES)('%s', async (persona) => {
    const token = (await h.signIn(persona)).access
    const cards = (await h.call('GET', '/v1/cards', { token })).body as { data: Card[] }
    const expected = PERSONAS[persona]
    expect(cards.data).toEqual(
      expected.map((c) => ({
        id: c.id,
        brand: c.brand,
        last4: c.last4,
        product_name: c.productName,
        currency: 'CNY',
        locked: false,
      })),
    )
    for (const c of expected) {
      const balance = (await h.call('GET', `/v1/cards/${c.id}/balance`, { token })).body as Balance
      expect(balance).toMatchObject({
        available_credit: cnyMoney(Math.max(0, c.creditLimit - c.posted - c.pending)),
        credit_limit: cnyMoney(c.creditLimit),
        current_balance: cnyMoney(c.posted),
        pending_amount: cnyMoney(c.pending),
        locked: false,
      })
      const statement = await h.call('GET', `/v1/cards/${c.id}/statements/current`, { token })
      if (!c.statement) {
        expect(statement.body).toMatchObject({ status: 404, code: 'no_statement' })
        continue
      }
      const day = (offset: number) =>
        new Date(Date.UTC(2026, 10, 22 + offset)).toISOString().slice(0, 10)
      expect(statement.body as Statement).toMatchObject({
        statement_date: day(c.statement.statementDayOffset),
        due_date: day(c.statement.dueDayOffset),
        time_zone: 'Asia/Shanghai',
        statement_balance: cnyMoney(c.statement.statementBalance),
        minimum_due: cnyMoney(c.statement.minimumDue),
      })
    }
  })

  test('the statuses the widgets show: good open, overdue overdue, maxed at zero', async () => {
    const status = async (persona: string, card: string) => {
      const token = (await h.signIn(persona)).access
      return (
        (await h.call('GET', `/v1/cards/${card}/statements/current`, { token })).body as Statement
      ).status
    }
    expect(await status('good', 'card_good_8888')).toBe('open')
    expect(await status('overdue', 'card_overdue_4242')).toBe('overdue')
    const maxed = (await h.signIn('maxed')).access
    const balance = await h.call('GET', '/v1/cards/card_maxed_5454/balance', { token: maxed })
    expect((balance.body as Balance).available_credit).toEqual(cnyMoney(0))
    const multi = (await h.signIn('multi-card')).access
    const cards = (await h.call('GET', '/v1/cards', { token: multi })).body as { data: Card[] }
    expect(cards.data.map((c) => `${c.brand} ${c.last4}`)).toEqual([
      'unionpay 1001',
      'visa 2002',
      'mastercard 3003',
    ])
  })
})

describe('token lifetimes (short TTL options)', () => {
  test('the access token expires after accessTokenTtlS, the refresh token after refreshTokenTtlS', async () => {
    const short = await startSandbox({
      clockStart: START,
      accessTokenTtlS: 5,
      refreshTokenTtlS: 60,
    })
    try {
      const created = await short.call('POST', '/v1/auth/sessions', {
        body: { provider: 'alipay', code: 'sandbox:good' },
      })
      expect(created.body).toMatchObject({ expires_in: 5, refresh_expires_in: 60 })
      const session = created.body as { access_token: string; refresh_token: string }
      expect((await short.call('GET', '/v1/cards', { token: session.access_token })).status).toBe(
        200,
      )
      await short.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 6 } })
      const expired = await short.call('GET', '/v1/cards', { token: session.access_token })
      expect(expired.body).toMatchObject({ status: 401, code: 'token_expired' })
      // A rotation keeps earlier access tokens alive (requests in flight do not fail)...
      const second = await short.call('POST', '/v1/auth/sessions', {
        body: { provider: 'alipay', code: 'sandbox:good' },
      })
      const s2 = second.body as { access_token: string; refresh_token: string }
      await short.call('POST', '/v1/auth/refresh', { body: { refresh_token: s2.refresh_token } })
      expect((await short.call('GET', '/v1/cards', { token: s2.access_token })).status).toBe(200)
      // ...and a refresh token past its lifetime is refused.
      await short.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 61 } })
      const late = await short.call('POST', '/v1/auth/refresh', {
        body: { refresh_token: session.refresh_token },
      })
      expect(late.body).toMatchObject({ status: 401, code: 'invalid_grant' })
    } finally {
      await short.close()
    }
  })
})

describe('pay code results', () => {
  test('pending_then_success settles after 3 s of sandbox time', async () => {
    const code = await onlineCode()
    expect((await scan(code.code, 'pending_then_success')).body).toMatchObject({
      status: 'pending',
    })
    const waiting = poll(code.id, 'wait_s=20&since=pending')
    await advance(3)
    expect((await waiting).body).toMatchObject({
      status: 'succeeded',
      amount: cnyMoney(4_200),
      merchant: '7-Eleven',
    })
  })

  test('pending_then_success settles after 3 s of real time too', async () => {
    const code = await onlineCode()
    const started = Date.now()
    await scan(code.code, 'pending_then_success')
    const settled = await poll(code.id, 'wait_s=20&since=pending')
    expect(settled.body.status).toBe('succeeded')
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900)
  })

  test('no_result stays pending; a long-poll answers with it when its wait ends', async () => {
    const code = await onlineCode()
    await scan(code.code, 'no_result')
    expect((await poll(code.id, 'wait_s=0')).body.status).toBe('pending')
    const started = Date.now()
    expect((await poll(code.id, 'wait_s=1&since=pending')).body.status).toBe('pending')
    expect(Date.now() - started).toBeGreaterThanOrEqual(950)
  })

  test('a long-poll sees expiry when the clock passes the TTL, and a revoke', async () => {
    const code = await onlineCode()
    const waiting = poll(code.id, 'wait_s=20')
    await advance(60)
    expect((await waiting).body.status).toBe('expired')
    const next = await onlineCode()
    const revoking = poll(next.id, 'wait_s=20&since=active')
    expect((await h.call('DELETE', `/v1/pay-codes/${next.id}`, { token: good })).status).toBe(204)
    expect((await revoking).body.status).toBe('revoked')
    expect((await scan(next.code, 'success')).body).toMatchObject({
      status: 410,
      code: 'code_revoked',
    })
  })

  test('offline: one step ahead is accepted too; the seed reports its latest payment', async () => {
    const seed = (
      await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
        token: good,
        body: { mode: 'offline', device_id: 'watch-0003' },
      })
    ).body as OfflineSeed
    expect(seed).toMatchObject({
      mode: 'offline',
      algorithm: 'SHA1',
      digits: 8,
      period: 30,
      code_prefix: '62',
    })
    const validFor = Date.parse(seed.valid_until) - Date.parse(START)
    expect(validFor).toBeGreaterThanOrEqual(7 * 86_400_000)
    expect(validFor).toBeLessThan(7 * 86_400_000 + 60_000)
    const now = Date.parse(((await h.call('GET', '/v1/sandbox/clock')).body as { now: string }).now)
    const ahead = offlinePayCode(seed, now + 30_000)
    expect(ahead.slice(0, 11)).toBe(`62${seed.seed_ref}`)
    const waiting = poll(seed.id, 'wait_s=20')
    expect((await scan(ahead, 'decline', 1_000)).body).toMatchObject({ status: 'declined' })
    expect((await waiting).body).toMatchObject({ status: 'declined', amount: cnyMoney(1_000) })
    await scan(offlinePayCode(seed, now), 'success', 2_000)
    expect((await poll(seed.id, 'wait_s=0')).body).toMatchObject({
      status: 'succeeded',
      amount: cnyMoney(2_000),
    })
    expect((await h.call('DELETE', `/v1/pay-codes/${seed.id}`, { token: good })).status).toBe(204)
    expect((await scan(offlinePayCode(seed, now + 30_000 * 2), 'success')).status).toBe(404)
  })
})

describe('offline seeds with SHA256 and SHA512', () => {
  test.each(['SHA256', 'SHA512'] as const)(
    '%s: the widget library and the issuer agree on every code',
    async (algorithm) => {
      const issuer = await startSandbox({ clockStart: START, offlineAlgorithm: algorithm })
      try {
        const token = (await issuer.signIn('good')).access
        const seed = (
          await issuer.call('POST', `/v1/cards/${CARD}/pay-codes`, {
            token,
            body: { mode: 'offline', device_id: 'watch-sha-0001' },
          })
        ).body as OfflineSeed
        expect(seed.algorithm).toBe(algorithm)
        const now = Date.parse(
          ((await issuer.call('GET', '/v1/sandbox/clock')).body as { now: string }).now,
        )
        const pay = (code: string) =>
          issuer.call('POST', '/v1/sandbox/scan', {
            body: { code, amount: cnyMoney(100), merchant: 'Luckin', outcome: 'success' },
          })
        expect((await pay(offlinePayCode(seed, now))).status).toBe(200)
        expect((await pay(offlinePayCode(seed, now - 30_000))).status).toBe(200)
        expect((await pay(offlinePayCode(seed, now + 30_000))).status).toBe(200)
        expect((await pay(offlinePayCode(seed, now + 90_000))).status).toBe(404)
      } finally {
        await issuer.close()
      }
    },
  )
})

describe('repayment rules', () => {
  const repay = (key: string, amount: { amount: number; currency: string }) =>
    h.call('POST', `/v1/cards/${CARD}/repayments`, {
      token: good,
      body: { amount },
      headers: { 'Idempotency-Key': key },
    })

  test('another currency or more than owed is refused, and the key stays usable', async () => {
    expect((await repay('rule-key-00001', { amount: 100, currency: 'USD' })).body).toMatchObject({
      code: 'validation_failed',
    })
    expect((await repay('rule-key-00002', cnyMoney(376_544))).body).toMatchObject({
      code: 'validation_failed',
      detail: 'amount: more than the balance owed',
    })
    expect((await repay('rule-key-00002', cnyMoney(376_543))).status).toBe(201)
  })

  test('a repayment changes the balance ETag', async () => {
    const before = await h.call('GET', `/v1/cards/${CARD}/balance`, { token: good })
    await repay('rule-key-00003', cnyMoney(500))
    const after = await h.call('GET', `/v1/cards/${CARD}/balance`, {
      token: good,
      headers: { 'If-None-Match': before.headers.get('etag')! },
    })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'))
    expect((after.body as Balance).current_balance).toEqual(cnyMoney(376_543 - 500))
  })
})

describe('the clock', () => {
  test('a paid statement cycles: the next one is cut 30 days after the last', async () => {
    await h.call('POST', `/v1/cards/${CARD}/repayments`, {
      token: good,
      body: { amount: cnyMoney(376_543) },
      headers: { 'Idempotency-Key': 'cycle-key-0001' },
    })
    await advance(22 * 86_400) // 2026-11-14 + 30 days = 2026-12-14
    const token = (await h.signIn('good')).access
    const statement = await h.call('GET', `/v1/cards/${CARD}/statements/current`, { token })
    expect(statement.body).toMatchObject({
      statement_date: '2026-12-14',
      due_date: '2027-01-03',
      statement_balance: cnyMoney(0),
      paid_to_date: cnyMoney(0),
      status: 'paid',
    })
  })

  test('a reminder whose day has already come fires at once, once per due date', async () => {
    // maxed is due 2026-11-25, three days after the sandbox's today.
    const token = (await h.signIn('maxed')).access
    const remind = (channel: string, days: number) =>
      h.call('POST', '/v1/cards/card_maxed_5454/reminders', {
        token,
        body: { channel, days_before: days },
      })
    await remind('alipay', 5)
    await remind('in_app', 1)
    const outbox = async () =>
      ((await h.call('GET', '/v1/sandbox/outbox')).body as { data: { channel: string }[] }).data
    expect(await outbox()).toEqual([
      {
        id: expect.stringMatching(/^ob_/),
        kind: 'reminder',
        card_id: 'card_maxed_5454',
        channel: 'alipay',
        due_date: '2026-11-25',
        fired_at: expect.stringMatching(/^2026-11-22T02:00/),
      },
    ])
    await advance(2 * 86_400) // 2026-11-24: one day before the due date
    expect((await outbox()).map((e) => e.channel)).toEqual(['alipay', 'in_app'])
    await advance(86_400)
    expect(await outbox()).toHaveLength(2)
  })
})

describe('cross-cutting', () => {
  test('X-Request-Id: a plain incoming id is echoed (and in the problem), others replaced', async () => {
    const echoed = await h.call('GET', '/v1/cards', { headers: { 'X-Request-Id': 'req-42.a:b' } })
    expect(echoed.headers.get('x-request-id')).toBe('req-42.a:b')
    expect(echoed.body).toMatchObject({ request_id: 'req-42.a:b', code: 'unauthorized' })
    const replaced = await h.call('GET', '/v1/cards', {
      token: good,
      headers: { 'X-Request-Id': 'x'.repeat(200) },
    })
    expect(replaced.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    )
    expect(h.logs.join('')).toContain('"reqId":"req-42.a:b"')
  })

  test('CORS: the H5 origin may send and read the contract headers; others may not', async () => {
    const preflight = await fetch(`${h.base}/v1/cards/${CARD}/repayments`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:10086',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,idempotency-key,x-sandbox-fault',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'Authorization, Content-Type, Idempotency-Key, X-Request-Id, X-Sandbox-Fault, If-None-Match, Cache-Control',
    )
    const read = await fetch(`${h.base}/v1/cards`, {
      headers: { Origin: 'http://127.0.0.1:5173', Authorization: `Bearer ${good}` },
    })
    expect(read.headers.get('access-control-expose-headers')).toBe(
      'X-Request-Id, ETag, Retry-After, Idempotent-Replayed, Date',
    )
    const foreign = await fetch(`${h.base}/v1/cards`, {
      headers: { Origin: 'https://evil.example', Authorization: `Bearer ${good}` },
    })
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('fault rules carry every effect: latency, body, content type, token, drop', async () => {
    const rule = async (effect: Record<string, unknown>) => {
      await h.call('POST', '/v1/sandbox/faults', {
        body: { rules: [{ route: '/v1/cards/*/balance', times: 1, ...effect }] },
      })
      return h.call('GET', `/v1/cards/${CARD}/balance`, { token: good, raw: true })
    }
    const started = Date.now()
    expect((await rule({ latency_ms: 400 })).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(390)
    expect(JSON.parse((await rule({ body: 'missing_field' })).text)).not.toHaveProperty('card_id')
    const truncated = (await rule({ body: 'truncated' })).text
    expect(() => JSON.parse(truncated)).toThrow()
    expect((await rule({ content_type: 'text/html' })).headers.get('content-type')).toMatch(
      /^text\/html/,
    )
    expect((await rule({ token: 'expired' })).body).toMatchObject({ code: 'token_expired' })
    const unavailable = await rule({ status: 503, retry_after_s: 7 })
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '7'])
    await expect(rule({ drop: true })).rejects.toThrow()
    // times: 1: each rule was spent, the next request is healthy.
    expect((await h.call('GET', `/v1/cards/${CARD}/balance`, { token: good })).status).toBe(200)
  })

  test('logs mask a pay code even when it is sent in a path', async () => {
    const code = await onlineCode()
    await h.call('GET', `/v1/pay-codes/${code.code}`, { token: good })
    const logs = h.logs.join('')
    expect(logs).not.toContain(code.code)
    expect(logs).toContain('/v1/pay-codes/[redacted]')
    expect(logs).not.toContain(good)
  })
})

describe('a database file', () => {
  test('survives a restart without reusing ids, and --reset seeds it again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-sandbox-'))
    const dbPath = path.join(dir, 'nested', 'sandbox.db')
    const open: Harness[] = []
    const start = async (reset = false) => {
      const sandbox = await startSandbox({ dbPath, clockStart: START, reset })
      open.push(sandbox)
      return sandbox
    }
    // Codes without a nonce are reusable: the file remembers single-use ones.
    const signIn = async (sandbox: Harness) =>
      (
        (
          await sandbox.call('POST', '/v1/auth/sessions', {
            body: { provider: 'h5', code: 'sandbox:good' },
          })
        ).body as { access_token: string }
      ).access_token
    try {
      const first = await start()
      const token = await signIn(first)
      const a = await first.call('POST', `/v1/cards/${CARD}/repayments`, {
        token,
        body: { amount: cnyMoney(1_000) },
        headers: { 'Idempotency-Key': 'file-key-00001' },
      })
      await first.close()
      const second = await start()
      const again = await signIn(second)
      const b = await second.call('POST', `/v1/cards/${CARD}/repayments`, {
        token: again,
        body: { amount: cnyMoney(1_000) },
        headers: { 'Idempotency-Key': 'file-key-00002' },
      })
      expect(b.status).toBe(201)
      expect((b.body as { id: string }).id).not.toBe((a.body as { id: string }).id)
      const list = await second.call('GET', `/v1/cards/${CARD}/repayments`, { token: again })
      expect((list.body as { data: unknown[] }).data).toHaveLength(2)
      await second.close()
      const reset = await start(true)
      const fresh = await signIn(reset)
      const cleared = await reset.call('GET', `/v1/cards/${CARD}/repayments`, { token: fresh })
      expect(cleared.body).toEqual({ data: [] })
    } finally {
      // close() twice is harmless; a failed step must not leave a server listening.
      await Promise.all(open.map((sandbox) => sandbox.close()))
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
