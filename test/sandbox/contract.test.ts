import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import * as v from 'valibot'

import {
  BalanceSchema,
  CardListSchema,
  OfflineSeedSchema,
  OnlinePayCodeSchema,
  PayCodeStatusSchema,
  ProblemSchema,
  ReminderListSchema,
  ReminderSchema,
  RepaymentListSchema,
  RepaymentSchema,
  SessionSchema,
  StatementSchema,
} from '@/issuer/contract'
import { ENDPOINTS } from '@/issuer/contract/endpoints'
import { openApiText } from '@/issuer/contract/openapi'

import { type Harness, startSandbox } from './harness'

const committed = path.resolve(__dirname, '..', '..', 'docs', 'openapi.json')

describe('the OpenAPI document', () => {
  test('the committed docs/openapi.json is what the contract generates (no drift)', () => {
    expect(fs.readFileSync(committed, 'utf8')).toBe(openApiText())
  })

  test('validates as OpenAPI 3.1', () => {
    const document = JSON.parse(openApiText()) as { openapi: string }
    expect(document.openapi).toBe('3.1.0')
    const run = spawnSync(process.execPath, ['tools/validate-openapi.mjs', committed], {
      cwd: path.resolve(__dirname, '..', '..'),
      encoding: 'utf8',
    })
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, errors: [] })
    expect(run.status).toBe(0)
  })
})

describe('every route answers as the document says', () => {
  let h: Harness
  let token: string
  let other: string
  const doc = JSON.parse(openApiText()) as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
  }
  const documented = (method: string, route: string, status: number) =>
    Object.keys(doc.paths[route]?.[method]?.responses ?? {}).includes(String(status))

  beforeAll(async () => {
    h = await startSandbox()
    token = (await h.signIn('good')).access
    other = (await h.signIn('overdue')).access
  })
  afterAll(() => h.close())

  const expectBody = <T>(schema: v.GenericSchema<unknown, T>, body: unknown): T => {
    const parsed = v.safeParse(schema, body)
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues.map((i) => i.message)))
    return parsed.output
  }

  test('success responses match their schema and are documented', async () => {
    const card = 'card_good_8888'
    const checks: [string, string, string, number, v.GenericSchema, unknown?][] = [
      ['get', '/v1/cards', '/v1/cards', 200, CardListSchema],
      ['get', `/v1/cards/${card}/balance`, '/v1/cards/{card_id}/balance', 200, BalanceSchema],
      [
        'get',
        `/v1/cards/${card}/statements/current`,
        '/v1/cards/{card_id}/statements/current',
        200,
        StatementSchema,
      ],
      [
        'get',
        `/v1/cards/${card}/repayments`,
        '/v1/cards/{card_id}/repayments',
        200,
        RepaymentListSchema,
      ],
      [
        'post',
        `/v1/cards/${card}/pay-codes`,
        '/v1/cards/{card_id}/pay-codes',
        201,
        OnlinePayCodeSchema,
        { mode: 'online' },
      ],
      [
        'post',
        `/v1/cards/${card}/pay-codes`,
        '/v1/cards/{card_id}/pay-codes',
        201,
        OfflineSeedSchema,
        { mode: 'offline', device_id: 'device-0001' },
      ],
      [
        'post',
        `/v1/cards/${card}/reminders`,
        '/v1/cards/{card_id}/reminders',
        201,
        ReminderSchema,
        { channel: 'in_app', days_before: 3 },
      ],
      [
        'get',
        `/v1/cards/${card}/reminders`,
        '/v1/cards/{card_id}/reminders',
        200,
        ReminderListSchema,
      ],
    ]
    for (const [method, url, route, status, schema, body] of checks) {
      const response = await h.call(method.toUpperCase(), url, { token, body })
      expect([url, response.status]).toEqual([url, status])
      expectBody(schema, response.body)
      expect(documented(method, route, status)).toBe(true)
      expect(response.headers.get('x-request-id')).toMatch(/\S+/)
    }
    const repay = await h.call('POST', `/v1/cards/${card}/repayments`, {
      token,
      body: { amount: { amount: 100, currency: 'CNY' } },
      headers: { 'Idempotency-Key': 'contract-test-0001' },
    })
    expect(repay.status).toBe(201)
    expectBody(RepaymentSchema, repay.body)
    const code = expectBody(
      OnlinePayCodeSchema,
      (await h.call('POST', `/v1/cards/${card}/pay-codes`, { token, body: { mode: 'online' } }))
        .body,
    )
    const status = await h.call('GET', `/v1/pay-codes/${code.id}`, { token })
    expect(expectBody(PayCodeStatusSchema, status.body).status).toBe('active')
    expect((await h.call('DELETE', `/v1/pay-codes/${code.id}`, { token })).status).toBe(204)
    const refresh = await h.signIn('good')
    const rotated = await h.call('POST', '/v1/auth/refresh', {
      body: { refresh_token: refresh.refresh },
    })
    expect(rotated.status).toBe(201)
    expectBody(SessionSchema, rotated.body)
    expect(rotated.headers.get('cache-control')).toBe('no-store')
    expect(ENDPOINTS).toHaveLength(21)
  })

  test('error responses are problem+json with the request id, as documented', async () => {
    const cases: [string, string, string, number, string, { token?: string; body?: unknown }][] = [
      ['get', '/v1/cards', '/v1/cards', 401, 'unauthorized', {}],
      [
        'get',
        '/v1/cards/card_good_8888/balance',
        '/v1/cards/{card_id}/balance',
        404,
        'not_found',
        { token: other },
      ],
      [
        'get',
        '/v1/cards/card_new_6201/statements/current',
        '/v1/cards/{card_id}/statements/current',
        404,
        'not_found',
        { token },
      ],
      [
        'post',
        '/v1/auth/sessions',
        '/v1/auth/sessions',
        401,
        'invalid_grant',
        { body: { provider: 'h5', code: 'nope' } },
      ],
      [
        'post',
        '/v1/auth/sessions',
        '/v1/auth/sessions',
        422,
        'validation_failed',
        { body: { provider: 'fax', code: 'x' } },
      ],
      [
        'post',
        '/v1/cards/card_good_8888/repayments',
        '/v1/cards/{card_id}/repayments',
        400,
        'idempotency_key_required',
        { token, body: { amount: { amount: 1, currency: 'CNY' } } },
      ],
    ]
    for (const [method, url, route, status, code, init] of cases) {
      const response = await h.call(method.toUpperCase(), url, init)
      expect([url, response.status]).toEqual([url, status])
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      const problem = expectBody(ProblemSchema, response.body)
      expect(problem.code).toBe(code)
      expect(problem.request_id).toBe(response.headers.get('x-request-id'))
      expect(documented(method, route, status)).toBe(true)
    }
  })

  test('/v1/openapi.json and /docs serve the document', async () => {
    const served = await h.call('GET', '/v1/openapi.json')
    expect(served.text).toBe(fs.readFileSync(committed, 'utf8'))
    const docs = await h.call('GET', '/docs')
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/)
    expect(docs.text).toContain('/v1/cards/{card_id}/repayments')
  })
})
