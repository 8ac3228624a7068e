import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { offlinePayCode, type OfflineSeed } from '@/lib/totp'

import { SandboxClock } from '../../sandbox/clock'
import { SandboxStore } from '../../sandbox/store'
import { cnyMoney } from '../support/money'
import { type Harness, startSandbox } from './harness'

/**
 * What an attacker or a bad network could do against the sandbox issuer, each
 * reproduced over real HTTP.
 */
const CARD = 'card_good_8888'
const START = '2026-11-22T02:00:00Z'

async function sandboxNow(h: Harness): Promise<number> {
  return Date.parse(((await h.call('GET', '/v1/sandbox/clock')).body as { now: string }).now)
}

function scan(h: Harness, code: string) {
  return h.call('POST', '/v1/sandbox/scan', {
    body: { code, amount: cnyMoney(1_500), merchant: 'FamilyMart', outcome: 'success' },
  })
}

describe('offline seeds: revoked means revoked', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startSandbox({ clockStart: START })
  })
  afterEach(() => h.close())

  async function provision(token: string): Promise<OfflineSeed> {
    return (
      await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
        token,
        body: { mode: 'offline', device_id: 'watch-lost-0001' },
      })
    ).body as OfflineSeed
  }

  test('a seed that has already paid stops paying once revoked, for the rest of its life', async () => {
    const { access } = await h.signIn('good')
    const seed = await provision(access)
    const now = await sandboxNow(h)
    expect((await scan(h, offlinePayCode(seed, now))).body).toMatchObject({ status: 'succeeded' })

    expect((await h.call('DELETE', `/v1/pay-codes/${seed.id}`, { token: access })).status).toBe(204)
    // Every later step of the seed's 7 days (sampled: next step, +1 h, +1 day, +6 days).
    const answers: unknown[] = []
    for (const seconds of [30, 3_600, 86_400, 5 * 86_400]) {
      await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds } })
      const code = offlinePayCode(seed, await sandboxNow(h))
      const answer = await scan(h, code)
      answers.push([answer.status, (answer.body as { code?: string }).code])
    }
    expect(answers).toEqual(Array(4).fill([410, 'code_revoked']))
    // The payment made before the revocation is still the seed's reported result.
    const later = (await h.signIn('good')).access
    expect((await h.call('GET', `/v1/pay-codes/${seed.id}`, { token: later })).body).toMatchObject({
      status: 'succeeded',
      amount: cnyMoney(1_500),
    })
  })

  test('signing out revokes the offline seeds that session provisioned, and no others', async () => {
    const device = await h.signIn('good')
    const other = await h.signIn('good') // the same cardholder on a second device
    const seed = await provision(device.access)
    const kept = await provision(other.access)
    expect(
      (await h.call('DELETE', '/v1/auth/sessions/current', { token: device.access })).status,
    ).toBe(204)
    const now = await sandboxNow(h)
    const gone = await scan(h, offlinePayCode(seed, now))
    expect([gone.status, (gone.body as { code: string }).code]).toEqual([410, 'code_revoked'])
    expect((await scan(h, offlinePayCode(kept, now))).body).toMatchObject({ status: 'succeeded' })
  })
})

describe('the rate limit and fault rules see the routed path', () => {
  test('random Authorization headers spend the address budget, not fresh buckets', async () => {
    const h = await startSandbox({ rateLimit: { max: 5, timeWindowMs: 60_000 } })
    try {
      const signIn = (headers: Record<string, string> = {}) =>
        h.call('POST', '/v1/auth/sessions', {
          body: { provider: 'h5', code: `sandbox:good:${crypto.randomUUID()}` },
          headers,
        })
      const first = []
      for (let i = 0; i < 5; i++) first.push((await signIn()).status)
      expect(first).toEqual([201, 201, 201, 201, 201])
      let passed = 0
      for (let i = 0; i < 100; i++) {
        const random = crypto.randomBytes(32).toString('base64url')
        const answer = await signIn({ Authorization: `Bearer ${random}` })
        if (answer.status === 201) passed += 1
        else expect(answer.status).toBe(429)
      }
      expect(passed).toBe(0)
    } finally {
      await h.close()
    }
  })

  test('a live session buys no budget on the routes that create sessions', async () => {
    const h = await startSandbox({ rateLimit: { max: 5, timeWindowMs: 60_000 } })
    try {
      const { access, refresh } = await h.signIn('good') // 1 of the address's 5
      const signIn = (token?: string) =>
        h.call('POST', '/v1/auth/sessions', {
          body: { provider: 'h5', code: `sandbox:good:${crypto.randomUUID()}` },
          ...(token ? { token } : {}),
        })
      const anonymous = []
      for (let i = 0; i < 4; i++) anonymous.push((await signIn()).status)
      expect(anonymous).toEqual([201, 201, 201, 201])
      // The address's budget is spent: a live session's token changes nothing.
      const withToken = []
      for (let i = 0; i < 5; i++) withToken.push((await signIn(access)).status)
      const refreshed = await h.call('POST', '/v1/auth/refresh', {
        body: { refresh_token: refresh },
        token: access,
      })
      expect([...withToken, refreshed.status]).toEqual([429, 429, 429, 429, 429, 429])
      // The session's own budget is untouched by those.
      expect((await h.call('GET', '/v1/cards', { token: access })).status).toBe(200)
    } finally {
      await h.close()
    }
  })

  test("the till's scans are limited per address", async () => {
    const h = await startSandbox({ rateLimit: { max: 3, timeWindowMs: 60_000 } })
    try {
      const statuses = []
      for (let i = 0; i < 5; i++) statuses.push((await scan(h, '62' + '0'.repeat(17))).status)
      expect(statuses).toEqual([404, 404, 404, 429, 429])
      // The other controls are not the till's: the clock still answers.
      expect((await h.call('GET', '/v1/sandbox/clock')).status).toBe(200)
    } finally {
      await h.close()
    }
  })

  test('a valid session still has its own budget beside the address', async () => {
    const h = await startSandbox({ rateLimit: { max: 3, timeWindowMs: 60_000 } })
    try {
      const { access } = await h.signIn('good') // 1 of the address's 3
      const statuses = []
      for (let i = 0; i < 3; i++)
        statuses.push((await h.call('GET', '/v1/cards', { token: access })).status)
      expect(statuses).toEqual([200, 200, 200])
    } finally {
      await h.close()
    }
  })

  test('a percent-escaped path reaches the route with its limit and its faults', async () => {
    const h = await startSandbox({ rateLimit: { max: 3, timeWindowMs: 60_000 } })
    try {
      const { access } = await h.signIn('good')
      const escaped = `/%761/cards/${CARD}/balance`
      const limited = []
      for (let i = 0; i < 5; i++) {
        limited.push((await h.call('GET', escaped, { token: access, raw: true })).status)
      }
      expect(limited).toEqual([200, 200, 200, 429, 429])
    } finally {
      await h.close()
    }
    const f = await startSandbox()
    try {
      const { access } = await f.signIn('good')
      await f.call('POST', '/v1/sandbox/faults', {
        body: { rules: [{ route: '/v1/cards/*/balance', status: 503, retry_after_s: 2 }] },
      })
      const plain = await f.call('GET', `/v1/cards/${CARD}/balance`, { token: access, raw: true })
      const escaped = await f.call('GET', `/%761/cards/${CARD}/%62alance`, {
        token: access,
        raw: true,
      })
      expect([plain.status, escaped.status]).toEqual([503, 503])
    } finally {
      await f.close()
    }
  })
})

describe('refresh: a lost answer is not a stolen token', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startSandbox({ clockStart: START })
  })
  afterEach(() => h.close())

  const refresh = (token: string) =>
    h.call('POST', '/v1/auth/refresh', { body: { refresh_token: token } })

  test('five parallel refreshes of one token: one pair for all, and it stays valid', async () => {
    const { refresh: token } = await h.signIn('good')
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => refresh(token)))
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201])
    const pairs = new Set(
      answers.map((a) => {
        const body = a.body as { access_token: string; refresh_token: string }
        return `${body.access_token} ${body.refresh_token}`
      }),
    )
    expect(pairs.size).toBe(1)
    const winner = answers[0]!.body as { access_token: string; refresh_token: string }
    expect((await h.call('GET', '/v1/cards', { token: winner.access_token })).status).toBe(200)
    expect((await refresh(winner.refresh_token)).status).toBe(201)
  })

  test('the retry of a lost answer gets the same pair however late, and keeps the seeds', async () => {
    const { access, refresh: token } = await h.signIn('good')
    const seed = (
      await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
        token: access,
        body: { mode: 'offline', device_id: 'watch-0001' },
      })
    ).body as OfflineSeed
    const lost = (await refresh(token)).body as { refresh_token: string; access_token: string }

    // The device lost that answer, then stayed offline for an hour (the pair's access
    // token expired meanwhile): the retry is still the same device, not a copy.
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 3600 } })
    const late = await refresh(token)
    expect(late.status).toBe(201)
    expect((late.body as { refresh_token: string }).refresh_token).toBe(lost.refresh_token)
    const next = await refresh(lost.refresh_token)
    expect(next.status).toBe(201)
    const { access_token: current } = next.body as { access_token: string }
    expect((await h.call('GET', '/v1/cards', { token: current })).status).toBe(200)
    // The seeds that session provisioned still pay.
    const paid = await scan(h, offlinePayCode(seed, await sandboxNow(h)))
    expect(paid.body).toMatchObject({ status: 'succeeded' })
  })

  test('once the new refresh token is used, the old one is a reuse at once', async () => {
    const { refresh: token } = await h.signIn('good')
    const next = (await refresh(token)).body as { refresh_token: string }
    const after = (await refresh(next.refresh_token)).body as { access_token: string }
    const replay = await refresh(token)
    expect([replay.status, (replay.body as { code: string }).code]).toEqual([401, 'refresh_reused'])
    expect((await h.call('GET', '/v1/cards', { token: after.access_token })).status).toBe(401)
  })
})

describe('smaller holes', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startSandbox({ bodyTimeoutMs: 500 })
  })
  afterAll(() => h.close())

  test('a fault rule whose content type cannot be a header value is refused', async () => {
    const answers = []
    for (const contentType of ['text/html\r\nX-Evil: 1', 'text/html; charset=中文', 'a\u0085b']) {
      const set = await h.call('POST', '/v1/sandbox/faults', {
        body: { rules: [{ route: '/v1/cards', content_type: contentType }] },
      })
      answers.push(set.status)
    }
    expect(answers).toEqual([422, 422, 422])
    const { access } = await h.signIn('good')
    expect((await h.call('GET', '/v1/cards', { token: access })).status).toBe(200)
    // The per-request header is held to the same rule (ignored, not sent).
    const header = await h.call('GET', '/v1/cards', {
      token: access,
      headers: { 'X-Sandbox-Fault': 'content_type=text/ht\u00e9ml' },
      raw: true,
    })
    expect([header.status, header.headers.get('content-type')]).toEqual([
      200,
      'application/json; charset=utf-8',
    ])
  })

  test('a sandbox control from a page of another origin is refused, preflight or not', async () => {
    const evil = await h.call('POST', '/v1/sandbox/reset', {
      headers: { Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
      raw: true,
    })
    expect([evil.status, evil.headers.get('content-type')]).toEqual([
      403,
      'application/problem+json; charset=utf-8',
    ])
    expect(evil.body).toMatchObject({ code: 'forbidden' })
    const own = await h.call('POST', '/v1/sandbox/reset', {
      headers: { Origin: 'http://127.0.0.1:10086' },
    })
    expect(own.status).toBe(200)
  })

  test('414, 431 and a bad URL answer problem+json', async () => {
    const longId = await h.call('GET', `/v1/pay-codes/${'x'.repeat(200)}`, { raw: true })
    const badUrl = await h.call('GET', '/v1/cards/%E0%A4%A/balance', { raw: true })
    const bigHeader = await h.call('GET', '/v1/cards', {
      headers: { 'X-Padding': 'p'.repeat(20_000) },
      raw: true,
    })
    const seen = [longId, badUrl, bigHeader].map((a) => [
      a.status,
      a.headers.get('content-type')?.split(';')[0],
      (a.body as { status?: number } | undefined)?.status,
    ])
    expect(seen).toEqual([
      [414, 'application/problem+json', 414],
      [400, 'application/problem+json', 400],
      [431, 'application/problem+json', 431],
    ])
  })

  test('a body shorter than its Content-Length answers 408 after the body timeout', async () => {
    const port = Number(new URL(h.base).port)
    const started = Date.now()
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /v1/auth/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"provider":',
        )
      })
      let data = ''
      socket.on('data', (chunk) => (data += String(chunk)))
      socket.on('close', () => resolve(data))
      socket.on('error', reject)
      // The bound of the test itself: no answer in 5 s is the bug.
      setTimeout(() => {
        socket.destroy()
        resolve(data)
      }, 5_000).unref()
    })
    const elapsed = Date.now() - started
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout')
    expect(answer).toMatch(/content-type: application\/problem\+json/i)
    expect(elapsed).toBeLessThan(3_000)
  })

  test('SQLite commits with synchronous=FULL (an acknowledged repayment survives a power cut)', () => {
    // A file, as `npm run sandbox` uses (in memory there is no WAL and no fsync).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-sync-'))
    const store = new SandboxStore(path.join(dir, 'sandbox.db'), new SandboxClock(START), 1)
    try {
      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 2 })
    } finally {
      store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the Host header is the caller’s word, not the sandbox’s name', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startSandbox()
  })
  afterAll(() => h.close())

  /** One raw HTTP/1.1 exchange (fetch cannot set Host, nor send it twice). */
  function exchange(head: string): Promise<{ status: number; body: string }> {
    const port = Number(new URL(h.base).port)
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write(`${head}\r\nConnection: close\r\n\r\n`),
      )
      let data = ''
      socket.on('data', (chunk) => (data += String(chunk)))
      socket.on('close', () => {
        const [headers = '', body = ''] = data.split('\r\n\r\n')
        resolve({ status: Number(headers.split(' ')[1]), body })
      })
      socket.on('error', reject)
      setTimeout(() => socket.destroy(), 5_000).unref()
    })
  }

  test("the docs' server is the address the sandbox listens on, whatever Host says", async () => {
    const own = await exchange(`GET /docs/json HTTP/1.1\r\nHost: localhost:${new URL(h.base).port}`)
    expect(own.status).toBe(200)
    expect((JSON.parse(own.body) as { servers: unknown }).servers).toEqual([
      { url: h.base, description: 'this sandbox' },
    ])
  })

  test('a foreign Host, two Host headers or none are refused on every route', async () => {
    const statuses = []
    for (const route of ['/docs/json', '/v1/cards', '/v1/sandbox/clock', '/v1/openapi.json']) {
      statuses.push((await exchange(`GET ${route} HTTP/1.1\r\nHost: evil.example`)).status)
    }
    statuses.push(
      (await exchange('GET /v1/sandbox/clock HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example'))
        .status,
    )
    statuses.push((await exchange('GET /v1/sandbox/clock HTTP/1.0')).status)
    expect(statuses).toEqual([403, 403, 403, 403, 403, 403])
    const refused = await exchange('GET /v1/sandbox/clock HTTP/1.1\r\nHost: evil.example')
    expect(JSON.parse(refused.body)).toMatchObject({ status: 403, code: 'forbidden' })
    expect((await exchange('GET /v1/sandbox/clock HTTP/1.1\r\nHost: [::1]')).status).toBe(200)
  })

  test('a pay code sent as X-Request-Id is masked in the log', async () => {
    const code = `62${'4'.repeat(17)}`
    const answer = await h.call('GET', '/v1/sandbox/clock', { headers: { 'X-Request-Id': code } })
    expect(answer.status).toBe(200)
    const logs = h.logs.join('')
    expect(logs).not.toContain(code)
    expect(logs).toContain('"reqId":"[redacted]"')
  })
})
