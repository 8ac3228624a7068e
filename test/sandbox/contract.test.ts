import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { ENDPOINTS, matchEndpoint, PROBLEM_CODES } from '@contract'
import { openApiText } from '@contract/openapi'

import { cnyMoney } from '../support/money'
import { documentedStatuses, type Harness, startSandbox } from './harness'

const root = path.resolve(__dirname, '..', '..')
const committed = path.join(root, 'docs', 'openapi.json')

type Operation = {
  operationId: string
  tags: string[]
  security?: unknown[]
  parameters?: { name: string; in: string; required: boolean }[]
  responses: Record<string, { headers?: Record<string, unknown> }>
}
const doc = JSON.parse(openApiText()) as {
  openapi: string
  paths: Record<string, Record<string, Operation>>
  components: { schemas: { Problem: { properties: { code: { enum: string[] } } } } }
}

describe('the OpenAPI document', () => {
  test('the committed docs/openapi.json is what the contract generates (no drift)', () => {
    expect(fs.readFileSync(committed, 'utf8')).toBe(openApiText())
  })

  test('validates as OpenAPI 3.1 (@seriousme/openapi-schema-validator)', () => {
    expect(doc.openapi).toBe('3.1.0')
    // The validator is ESM-only: it runs in its own node process.
    const run = spawnSync(process.execPath, ['tools/validate-openapi.mjs', committed], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, errors: [] })
    expect(run.status).toBe(0)
  })

  test('holds exactly the endpoint table, with its auth, idempotency and no-store marks', () => {
    const operations = Object.entries(doc.paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, op]) => `${method} ${route} ${op.operationId}`),
    )
    expect(operations.sort()).toEqual(ENDPOINTS.map((e) => `${e.method} ${e.path} ${e.id}`).sort())
    for (const e of ENDPOINTS) {
      const op = doc.paths[e.path]![e.method]!
      expect([e.id, op.tags]).toEqual([e.id, [e.tag]])
      expect([e.id, op.security]).toEqual([e.id, e.auth ? undefined : []])
      const key = op.parameters?.find((p) => p.name === 'Idempotency-Key')
      expect([e.id, key?.required]).toEqual([e.id, e.idempotencyKey ? true : undefined])
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'))
      for (const [, response] of success) {
        expect([e.id, Boolean(response.headers?.['Cache-Control'])]).toEqual([
          e.id,
          Boolean(e.noStore),
        ])
      }
    }
    expect(ENDPOINTS.filter((e) => e.tag === 'sandbox').map((e) => e.path)).toEqual([
      '/v1/sandbox/scan',
      '/v1/sandbox/clock',
      '/v1/sandbox/clock/advance',
      '/v1/sandbox/clock/reset',
      '/v1/sandbox/outbox',
      '/v1/sandbox/faults',
      '/v1/sandbox/faults',
      '/v1/sandbox/pin-lockouts',
      '/v1/sandbox/reset',
    ])
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual([...PROBLEM_CODES])
  })

  test('matchEndpoint resolves concrete paths to their operation', () => {
    expect(matchEndpoint('GET', '/v1/cards/card_1/balance?x=1')?.id).toBe('getBalance')
    expect(matchEndpoint('DELETE', '/v1/cards/c/reminders/r')?.id).toBe('deleteReminder')
    expect(matchEndpoint('GET', '/v1/pay-codes/pc_1')?.id).toBe('getPayCodeStatus')
    expect(matchEndpoint('PUT', '/v1/cards')).toBeUndefined()
    expect(matchEndpoint('GET', '/v1/cards/a/b/balance')).toBeUndefined()
  })
})

describe('the sandbox answers every documented status of every route, as documented', () => {
  let h: Harness
  const CARD = 'card_good_8888'

  beforeAll(async () => {
    h = await startSandbox({ clockStart: '2026-11-22T02:00:00Z' })
  })
  afterAll(() => h.close())

  test('the sandbox registers every route of the table', () => {
    for (const e of ENDPOINTS) {
      const url = e.path.replace(/\{(\w+)\}/g, ':$1')
      expect([e.id, h.app.hasRoute({ method: e.method.toUpperCase(), url })]).toEqual([e.id, true])
    }
  })

  test('each (route, status) pair is observed, and every answer checks against the contract', async () => {
    // Every h.call below is checked by the harness: documented status, body schema,
    // problem+json with the request id, Retry-After on 429/503, no-store.
    const { access: token, refresh } = await h.signIn('good')
    const other = (await h.signIn('overdue')).access
    const fresh = (await h.signIn('no-statement')).access
    const c = (method: string, url: string, init?: Parameters<Harness['call']>[2]) =>
      h.call(method, url, init)

    // auth
    await c('POST', '/v1/auth/sessions', { body: { provider: 'wechat', code: 'sandbox:nobody' } })
    await c('POST', '/v1/auth/sessions', { body: { provider: 'fax', code: 'sandbox:good' } })
    await c('POST', '/v1/auth/refresh', { body: { refresh_token: refresh } })
    await c('POST', '/v1/auth/refresh', { body: { refresh_token: 'not-a-token' } })
    await c('POST', '/v1/auth/refresh', { body: {} })
    const leaving = await h.signIn('maxed')
    expect((await c('DELETE', '/v1/auth/sessions/current', { token: leaving.access })).status).toBe(
      204,
    )
    await c('DELETE', '/v1/auth/sessions/current')

    // cards, balance, statement, repayment list, reminders, notifications: 200, 304, 401, 404
    const gets = [
      '/v1/cards',
      `/v1/cards/${CARD}/balance`,
      `/v1/cards/${CARD}/statements/current`,
      `/v1/cards/${CARD}/repayments`,
      `/v1/cards/${CARD}/reminders`,
      `/v1/cards/${CARD}/notifications`,
      `/v1/cards/${CARD}/transactions`,
    ]
    for (const url of gets) {
      const first = await c('GET', url, { token })
      expect([url, first.status]).toEqual([url, 200])
      const again = await c('GET', url, {
        token,
        headers: { 'If-None-Match': first.headers.get('etag')! },
      })
      expect([url, again.status]).toEqual([url, 304])
      await c('GET', url)
      if (url !== '/v1/cards') expect((await c('GET', url, { token: other })).status).toBe(404)
    }
    const noStatement = await c('GET', '/v1/cards/card_new_6201/statements/current', {
      token: fresh,
    })
    expect(noStatement.body).toMatchObject({ status: 404, code: 'no_statement' })
    for (const query of ['limit=0', 'limit=101', 'starting_after=tx_nobody']) {
      const refused = await c('GET', `/v1/cards/${CARD}/transactions?${query}`, { token })
      expect([query, refused.body]).toMatchObject([
        query,
        { status: 422, code: 'validation_failed' },
      ])
    }

    // repayments
    const repay = (key: string | undefined, amount: number, as = token, card = CARD) =>
      c('POST', `/v1/cards/${card}/repayments`, {
        token: as,
        body: { amount: cnyMoney(amount) },
        headers: key ? { 'Idempotency-Key': key } : {},
      })
    expect((await repay('contract-key-0001', 100)).status).toBe(201)
    expect((await repay('contract-key-0001', 100)).headers.get('idempotent-replayed')).toBe('true')
    expect((await repay('contract-key-0001', 200)).body).toMatchObject({
      code: 'idempotency_key_reused',
    })
    expect((await repay(undefined, 100)).body).toMatchObject({ code: 'idempotency_key_required' })
    const [a, b] = await Promise.all([
      repay('contract-key-0002', 100),
      repay('contract-key-0002', 100),
    ])
    expect([a.status, b.status].sort()).toEqual([201, 409])
    await repay('contract-key-0003', 100, other)
    await c('POST', `/v1/cards/${CARD}/repayments`, {
      headers: { 'Idempotency-Key': 'contract-key-0004' },
      body: { amount: cnyMoney(1) },
    })

    // pay codes
    const online = await c('POST', `/v1/cards/${CARD}/pay-codes`, {
      token,
      body: { mode: 'online' },
    })
    const code = online.body as { id: string; code: string }
    await c('POST', `/v1/cards/${CARD}/pay-codes`, {
      token,
      body: { mode: 'offline', device_id: 'watch-contract-01' },
    })
    await c('POST', `/v1/cards/${CARD}/pay-codes`, { token, body: { mode: 'magnetic' } })
    await c('POST', `/v1/cards/${CARD}/pay-codes`, { token: other, body: { mode: 'online' } })
    await c('POST', `/v1/cards/${CARD}/pay-codes`, { body: { mode: 'online' } })
    await c('GET', `/v1/pay-codes/${code.id}`, { token })
    await c('GET', `/v1/pay-codes/${code.id}?wait_s=99`, { token })
    await c('GET', `/v1/pay-codes/${code.id}`, { token: other })
    await c('GET', `/v1/pay-codes/${code.id}`)
    await c('DELETE', `/v1/pay-codes/${code.id}`, { token: other })
    await c('DELETE', `/v1/pay-codes/${code.id}`)
    expect((await c('DELETE', `/v1/pay-codes/${code.id}`, { token })).status).toBe(204)

    // reminders
    const reminder = await c('POST', `/v1/cards/${CARD}/reminders`, {
      token,
      body: { channel: 'calendar', days_before: 2 },
    })
    const reminderId = (reminder.body as { id: string }).id
    await c('POST', `/v1/cards/${CARD}/reminders`, {
      token,
      body: { channel: 'calendar', days_before: 11 },
    })
    await c('POST', `/v1/cards/${CARD}/reminders`, {
      token: other,
      body: { channel: 'in_app', days_before: 1 },
    })
    await c('POST', `/v1/cards/${CARD}/reminders`, { body: { channel: 'in_app', days_before: 1 } })
    await c('DELETE', `/v1/cards/${CARD}/reminders/${reminderId}`, { token: other })
    await c('DELETE', `/v1/cards/${CARD}/reminders/${reminderId}`)
    expect((await c('DELETE', `/v1/cards/${CARD}/reminders/${reminderId}`, { token })).status).toBe(
      204,
    )

    // card lock and the payment check, as multi-card (the other personas' codes need no step-up)
    const multi = (await h.signIn('multi-card')).access
    const locking = (body: unknown, as?: string) =>
      c('PUT', '/v1/cards/card_multi_3003/lock', { token: as, body })
    const stepUp = (body: unknown, as?: string) =>
      c('POST', '/v1/payment-check/step-ups', { token: as, body })
    const setCheck = (body: unknown, as?: string) =>
      c('PUT', '/v1/payment-check', { token: as, body })
    expect((await locking({ locked: true }, multi)).status).toBe(200)
    expect((await locking({ locked: true })).status).toBe(401)
    expect((await locking({ locked: true }, other)).status).toBe(404)
    expect((await locking({ locked: 'yes' }, multi)).status).toBe(422)
    const lockedCode = await c('POST', '/v1/cards/card_multi_3003/pay-codes', {
      token: multi,
      body: { mode: 'online' },
    })
    expect(lockedCode.body).toMatchObject({ status: 409, code: 'card_locked' })
    expect((await c('GET', '/v1/payment-check', { token: multi })).status).toBe(200)
    expect((await c('GET', '/v1/payment-check')).status).toBe(401)
    expect((await setCheck({ pin: '246810' })).status).toBe(401)
    expect((await setCheck({ pin: '12345' }, multi)).status).toBe(422)
    expect((await stepUp({ method: 'pin', pin: '246810' }, multi)).status).toBe(422)
    expect((await setCheck({ pin: '246810' }, multi)).status).toBe(200)
    expect((await setCheck({ biometrics: true, current_pin: '000000' }, multi)).body).toMatchObject(
      { status: 403, code: 'pin_incorrect', attempts_left: 4 },
    )
    expect((await locking({ locked: false }, multi)).body).toMatchObject({
      status: 403,
      code: 'step_up_required',
    })
    const unchecked = await c('POST', '/v1/cards/card_multi_1001/pay-codes', {
      token: multi,
      body: { mode: 'online' },
    })
    expect(unchecked.body).toMatchObject({ status: 403, code: 'step_up_required' })
    expect((await stepUp({ method: 'pin', pin: '246810' })).status).toBe(401)
    expect((await stepUp({ method: 'pin', pin: '000000' }, multi)).status).toBe(403)
    const grant = await stepUp({ method: 'pin', pin: '246810' }, multi)
    expect(grant.status).toBe(201)
    const { step_up_token: stepUpToken } = grant.body as { step_up_token: string }
    expect(
      (await locking({ locked: false, step_up_token: stepUpToken }, multi)).body,
    ).toMatchObject({ locked: false })
    const challenge = (as?: string) =>
      c('POST', '/v1/payment-check/soter-challenges', { token: as })
    expect((await challenge()).status).toBe(401)
    expect((await challenge(multi)).status).toBe(422)
    expect((await setCheck({ biometrics: true, current_pin: '246810' }, multi)).status).toBe(200)
    expect((await challenge(multi)).status).toBe(201)
    expect((await c('DELETE', '/v1/sandbox/pin-lockouts')).body).toEqual({ cleared: 0 })

    // sandbox controls
    const scan = (payCode: string, amount = 990) =>
      c('POST', '/v1/sandbox/scan', {
        body: {
          code: payCode,
          amount: cnyMoney(amount),
          merchant: 'FamilyMart',
          outcome: 'success',
        },
      })
    const live = (
      await c('POST', `/v1/cards/${CARD}/pay-codes`, { token, body: { mode: 'online' } })
    ).body as { code: string }
    expect((await scan(live.code)).status).toBe(200)
    expect((await scan(live.code)).status).toBe(409)
    // Revoked above.
    expect((await scan(code.code)).body).toMatchObject({ status: 410, code: 'code_revoked' })
    expect((await scan(`62${'0'.repeat(17)}`)).status).toBe(404)
    expect((await scan('1234')).status).toBe(422)
    const late = (
      await c('POST', `/v1/cards/${CARD}/pay-codes`, { token, body: { mode: 'online' } })
    ).body as { code: string }
    await c('GET', '/v1/sandbox/clock')
    await c('POST', '/v1/sandbox/clock/advance', { body: { seconds: 61 } })
    await c('POST', '/v1/sandbox/clock/advance', { body: { seconds: -1 } })
    expect((await scan(late.code)).status).toBe(410)
    await c('POST', '/v1/sandbox/clock/reset')
    await c('GET', '/v1/sandbox/outbox')
    await c('POST', '/v1/sandbox/faults', { body: { rules: [{ route: '/v1/cards' }] } })
    await c('POST', '/v1/sandbox/faults', { body: { rules: [{ route: 'cards' }] } })
    await c('DELETE', '/v1/sandbox/faults')

    // 429, 500 and 503 on every issuer route, injected per request
    const now = (await h.signIn('good')).access
    const urls: Record<string, string> = {
      card_id: CARD,
      pay_code_id: code.id,
      reminder_id: reminderId,
    }
    for (const e of ENDPOINTS.filter((x) => x.tag !== 'sandbox')) {
      const url = e.path.replace(/\{(\w+)\}/g, (_m, name: string) => urls[name] ?? name)
      for (const fault of ['status=429;retry_after=3', 'status=500', 'status=503;retry_after=1']) {
        const response = await c(e.method.toUpperCase(), url, {
          token: now,
          headers: { 'X-Sandbox-Fault': fault },
        })
        expect([e.id, fault, response.status]).toEqual([e.id, fault, Number(fault.slice(7, 10))])
      }
    }
    // 403: a sandbox control called from a page of another origin
    for (const [method, url, body] of [
      ['POST', '/v1/sandbox/scan', { code: '1234' }],
      ['POST', '/v1/sandbox/clock/advance', { seconds: 1 }],
      ['POST', '/v1/sandbox/clock/reset', undefined],
      ['POST', '/v1/sandbox/faults', { rules: [] }],
      ['DELETE', '/v1/sandbox/faults', undefined],
      ['DELETE', '/v1/sandbox/pin-lockouts', undefined],
      ['POST', '/v1/sandbox/reset', undefined],
    ] as const) {
      const refused = await c(method, url, { body, headers: { Origin: 'http://evil.example' } })
      expect([url, refused.status]).toEqual([url, 403])
    }
    await c('POST', '/v1/sandbox/reset')
    // 429: the till's scans spend its address's budget (a sandbox whose budget is 1).
    const till = await startSandbox({ rateLimit: { max: 1, timeWindowMs: 60_000 } })
    try {
      for (const expected of [404, 429]) {
        const answer = await till.call('POST', '/v1/sandbox/scan', {
          body: {
            code: `62${'0'.repeat(17)}`,
            amount: cnyMoney(990),
            merchant: 'FamilyMart',
            outcome: 'success',
          },
        })
        expect(answer.status).toBe(expected)
      }
      for (const seen of till.seen) h.seen.add(seen)
    } finally {
      await till.close()
    }

    const missing = ENDPOINTS.flatMap((e) =>
      documentedStatuses(e)
        .filter((status) => !h.seen.has(`${e.id} ${status}`))
        .map((status) => `${e.id} ${status}`),
    )
    expect(missing).toEqual([])
  })

  test('/v1/openapi.json and /docs serve the document', async () => {
    const served = await h.call('GET', '/v1/openapi.json', { raw: true })
    expect(served.headers.get('content-type')).toMatch(/^application\/json/)
    expect(served.text).toBe(fs.readFileSync(committed, 'utf8'))
    const docs = await h.call('GET', '/docs', { raw: true })
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/)
    // /docs is Swagger UI, which renders the document it loads from /docs/json (the page
    // itself, rendered in a browser, is checked in test/browser/docs.test.ts): the
    // committed document, whose one server is the sandbox the page came from.
    const loaded = await h.call('GET', '/docs/json', { raw: true })
    const { servers, ...rest } = loaded.body as Record<string, unknown>
    expect(servers).toEqual([{ url: h.base, description: 'this sandbox' }])
    const { servers: _committedServers, ...committedRest } = JSON.parse(served.text) as Record<
      string,
      unknown
    >
    expect(rest).toEqual(committedRest)
    for (const e of ENDPOINTS) expect(loaded.text).toContain(e.path)
    expect(loaded.text).toContain('Idempotency-Key')
  })
})
