import Taro from '@tarojs/taro'
import type { FastifyInstance } from 'fastify'

import { createSeedVault } from '@/features/pay-code/offline-seed-vault'
import {
  createIssuerClient,
  type IssuerClient,
  IssuerError,
  revalidate,
  useResourceStore,
  useSessionStore,
} from '@/issuer/client'
import { setResourceStorage } from '@/issuer/client/resource'
import { offlinePayCode } from '@/lib/totp'
import { memoryStore } from '@/platform/storage/port'

import { buildSandbox } from '../../sandbox/app'
import {
  advanceClock,
  clearFaults,
  type FaultRule,
  sandboxNow,
  scan,
  setFaults,
} from '../support/sandbox-controls'

/**
 * The issuer client against the real sandbox issuer over real HTTP, with the
 * sandbox's own fault injection. Only the Taro platform adapter is Node's
 * (test/support/taro-node.ts: fetch + in-memory storage).
 */

let app: FastifyInstance
let base: string
const delays: number[] = []
const logged: string[] = []

function client(persona = 'good', timeoutMs = 2000): IssuerClient {
  let n = 0
  const c = createIssuerClient({
    baseUrl: base,
    timeoutMs,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxTotalMs: 5000 },
    secure: memoryStore(),
    loginCode: async () => ({
      provider: 'h5',
      code: `sandbox:${persona}:${(n += 1)}${Date.now()}`,
    }),
  })
  // Record backoff delays instead of sleeping through them (a unit's own edge).
  ;(c.transport as unknown as { options: { sleep(ms: number): Promise<void> } }).options.sleep =
    async (ms) => void delays.push(ms)
  return c
}

function fault(rule: FaultRule): Promise<void> {
  return setFaults(base, [rule])
}

function requestsTo(spy: jest.SpyInstance, pattern: RegExp): number {
  return spy.mock.calls.filter(([options]) => pattern.test((options as { url: string }).url)).length
}

beforeAll(async () => {
  app = await buildSandbox({ dbPath: ':memory:', seed: 7 })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '))
    })
  }
})

afterAll(async () => {
  jest.restoreAllMocks()
  await app.close()
})

beforeEach(async () => {
  delays.length = 0
  await clearFaults(base)
})

async function firstCardId(c: IssuerClient): Promise<string> {
  const { data } = await c.api.listCards()
  const id = data?.data[0]?.id
  if (!id) throw new Error('persona has no card')
  return id
}

test('signs in with the platform code and reads exact balance figures', async () => {
  const c = client('good')
  const cardId = await firstCardId(c)
  const { data, etag } = await c.api.getBalance(cardId)
  expect(useSessionStore.getState().status).toBe('signed_in')
  expect(data?.available_credit.currency).toBe('CNY')
  expect(Number.isSafeInteger(data?.available_credit.amount)).toBe(true)
  expect(etag).toMatch(/^(W\/)?"/)
  const again = await c.api.getBalance(cardId, etag)
  expect(again.notModified).toBe(true)
  expect(again.status).toBe(304)
})

test('a 503 then success: retried once, honouring Retry-After', async () => {
  const c = client()
  const cardId = await firstCardId(c)
  await fault({ route: '/v1/cards/*/balance', times: 1, status: 503, retry_after_s: 1 })
  const { data } = await c.api.getBalance(cardId)
  expect(data?.card_id).toBe(cardId)
  expect(delays).toEqual([1000])
})

test('a 429 with Retry-After: waits exactly that long, then succeeds', async () => {
  const c = client()
  const cardId = await firstCardId(c)
  await fault({ route: '/v1/cards/*/statements/current', times: 1, status: 429, retry_after_s: 2 })
  const { data } = await c.api.getStatement(cardId)
  expect(data?.card_id).toBe(cardId)
  expect(delays).toEqual([2000])
})

test('a 5xx that never ends gives up after the bounded attempts', async () => {
  const c = client()
  const cardId = await firstCardId(c)
  await fault({ route: '/v1/cards/*/balance', status: 500 })
  const error = await c.api.getBalance(cardId).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(IssuerError)
  expect((error as IssuerError).kind).toBe('unavailable')
  expect((error as IssuerError).messageKey).toBe('error.unavailable')
  expect(delays).toHaveLength(2) // 3 attempts in all
})

test('a timeout is an error state after bounded retries', async () => {
  const c = client('good', 300)
  const cardId = await firstCardId(c)
  await fault({ route: '/v1/cards/*/balance', latency_ms: 1500 })
  const error = (await c.api.getBalance(cardId).catch((e: unknown) => e)) as IssuerError
  expect(error.kind).toBe('timeout')
  expect(error.messageKey).toBe('error.timeout')
  expect(delays).toHaveLength(2)
})

test.each<[string, Omit<FaultRule, 'route'>]>([
  ['malformed JSON', { body: 'malformed' }],
  ['truncated JSON', { body: 'truncated' }],
  ['a missing field', { body: 'missing_field' }],
  ['the wrong content type', { content_type: 'text/html' }],
])('%s yields the malformed error state, not a crash', async (_name, effect) => {
  const c = client()
  const cardId = await firstCardId(c)
  await fault({ route: '/v1/cards/*/balance', times: 1, ...effect })
  const error = (await c.api.getBalance(cardId).catch((e: unknown) => e)) as IssuerError
  expect(error).toBeInstanceOf(IssuerError)
  expect(error.kind).toBe('malformed')
  expect(error.messageKey).toBe('error.malformed')
  expect(delays).toEqual([]) // an answer we cannot trust is not retried
})

test('an expired access token: one refresh for ten concurrent calls, all succeed', async () => {
  const c = client()
  const cardId = await firstCardId(c)
  const spy = jest.spyOn(Taro, 'request')
  // Past the 900 s access-token lifetime, inside the refresh token's.
  await advanceClock(base, 901)
  const results = await Promise.all(Array.from({ length: 10 }, () => c.api.getBalance(cardId)))
  expect(results.map((r) => r.data?.card_id)).toEqual(Array(10).fill(cardId))
  expect(requestsTo(spy, /\/v1\/auth\/refresh$/)).toBe(1)
  expect(requestsTo(spy, /\/balance$/)).toBe(20) // each call: one 401, one success
  expect(useSessionStore.getState().status).toBe('signed_in')
  spy.mockRestore()
})

test('refresh-token reuse revokes the family and signs the user out', async () => {
  const secure = memoryStore()
  const c = createIssuerClient({
    baseUrl: base,
    secure,
    loginCode: async () => ({ provider: 'h5', code: `sandbox:good:${Date.now()}` }),
  })
  const cardId = await firstCardId(c)
  // Someone else uses the stored refresh token first (a stolen copy).
  const stolen = secure.values.get('cardlet.session.refresh')
  expect(stolen).toBeDefined()
  const thief = await fetch(`${base}/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: stolen }),
  })
  expect(thief.status).toBe(201)
  // ...and rotates again, which ends the stolen token's grace window (a replay inside
  // it, with the new pair unused, would be a lost answer, not a theft).
  const thiefPair = (await thief.json()) as { refresh_token: string }
  const again = await fetch(`${base}/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: thiefPair.refresh_token }),
  })
  expect(again.status).toBe(201)
  // The app's access token now expires; its renewal presents the consumed token.
  await fault({ route: '/v1/cards/*/balance', times: 1, token: 'expired' })
  const error = (await c.api.getBalance(cardId).catch((e: unknown) => e)) as IssuerError
  expect(error.kind).toBe('signed_out')
  expect(error.messageKey).toBe('error.signedOut')
  expect(useSessionStore.getState().status).toBe('signed_out')
  expect(secure.values.has('cardlet.session.refresh')).toBe(false)
  // No silent re-login after a sign-out: the next call fails the same way...
  await expect(c.api.getBalance(cardId)).rejects.toMatchObject({ kind: 'signed_out' })
  // ...until the user signs in again.
  await c.session.signIn()
  await expect(c.api.getBalance(cardId)).resolves.toMatchObject({ status: 200 })
})

test('offline: the last-known balance stays, with its fetch time, beside the error', async () => {
  const persisted = memoryStore()
  setResourceStorage(persisted)
  const c = client()
  const cardId = await firstCardId(c)
  const spec = c.resources.balance(cardId)
  await revalidate(spec)
  const online = useResourceStore.getState().entries[spec.key]
  expect(online?.data).toBeDefined()
  expect(online?.error).toBeUndefined()

  // A fresh launch with no network: memory is empty, storage has the last answer.
  useResourceStore.getState().clear()
  const offline = createIssuerClient({
    baseUrl: 'http://127.0.0.1:9', // discard port: nothing answers
    secure: memoryStore(),
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 1 },
    loginCode: async () => ({ provider: 'h5', code: 'sandbox:good' }),
  })
  const offlineSpec = offline.resources.balance(cardId)
  await revalidate(offlineSpec)
  const entry = useResourceStore.getState().entries[offlineSpec.key]
  expect(entry?.data).toEqual(online?.data)
  expect(entry?.fetchedAt).toBe(online?.fetchedAt)
  expect(entry?.error?.kind).toBe('network')
  expect(entry?.error?.messageKey).toBe('error.network')
})

test('a repayment POST is retried only with its Idempotency-Key, and pays once', async () => {
  const c = client()
  const cardId = await firstCardId(c)
  const before = (await c.api.getStatement(cardId)).data!
  await fault({ route: '/v1/cards/*/repayments', method: 'POST', times: 1, status: 503 })
  const key = `test-${Date.now()}`
  const { data } = await c.api.repay(cardId, { amount: 100, currency: 'CNY' }, key)
  expect(data?.amount).toEqual({ amount: 100, currency: 'CNY' })
  expect(delays).toHaveLength(1)
  const list = await c.api.getStatement(cardId)
  expect(list.data!.paid_to_date.amount).toBe(before.paid_to_date.amount + 100)
})

test('nothing logged carries a token or a card number', () => {
  const joined = logged.join('\n')
  expect(joined).not.toMatch(/Bearer\s+\S+/)
  expect(joined).not.toMatch(/\b62\d{17}\b/)
  expect(joined).not.toMatch(/access_token|refresh_token/)
})

test('options left undefined keep their defaults (the app passes only a base URL)', async () => {
  const c = createIssuerClient({ baseUrl: base, timeoutMs: undefined, retry: undefined })
  const options = (c.transport as unknown as { options: { timeoutMs: number; retry: unknown } })
    .options
  expect(options.timeoutMs).toBe(10_000)
  expect(options.retry).toEqual({
    maxAttempts: 4,
    baseDelayMs: 300,
    maxDelayMs: 4_000,
    maxTotalMs: 15_000,
  })
})

describe('a bad network is not a sign-out', () => {
  test('a first sign-in that got no answer is not a sign-out: the next call signs in', async () => {
    const c = client()
    await fault({ route: '/v1/auth/sessions', times: 1, drop: true })
    const first = (await c.api.listCards().catch((e: unknown) => e)) as IssuerError
    expect([first.kind, useSessionStore.getState().status]).toEqual(['network', 'unreachable'])
    // The network is back: Retry (the same call again) reads the cards.
    const again = await c.api.listCards()
    expect([again.status, useSessionStore.getState().status]).toEqual([200, 'signed_in'])
  })

  test('a refresh whose answer was lost is sent again with the same token: still signed in', async () => {
    const c = client()
    const cardId = await firstCardId(c)
    const spy = jest.spyOn(Taro, 'request')
    // The issuer rotates the token but the answer arrives broken (lost), then the
    // access token expires again: the client presents the token it holds once more.
    await setFaults(base, [
      { route: '/v1/auth/refresh', times: 1, body: 'truncated' },
      { route: '/v1/cards/*/balance', times: 1, token: 'expired' },
    ])
    const lost = (await c.api.getBalance(cardId).catch((e: unknown) => e)) as IssuerError
    expect(lost.kind).toBe('malformed')
    expect(useSessionStore.getState().status).toBe('unreachable')
    const after = await c.api.getBalance(cardId)
    expect([after.status, useSessionStore.getState().status]).toEqual([200, 'signed_in'])
    expect(requestsTo(spy, /\/v1\/auth\/refresh$/)).toBe(2)
    spy.mockRestore()
  })
})

test('sign-out revokes the offline seed on the issuer and deletes it on the device', async () => {
  const secure = memoryStore()
  const c = createIssuerClient({
    baseUrl: base,
    secure,
    loginCode: async () => ({ provider: 'h5', code: `sandbox:good:so${Date.now()}` }),
  })
  const vault = createSeedVault(secure, memoryStore())
  c.session.onSignOut(() => vault.clear())
  const cardId = await firstCardId(c)
  const { data: seed } = await c.api.provisionOfflineSeed(cardId, await vault.deviceId())
  await vault.save(cardId, { seed: seed!, skewMs: 1_500 })
  expect(await vault.load(cardId)).toEqual({ seed, skewMs: 1_500 })

  await c.session.signOut()
  expect(useSessionStore.getState().status).toBe('signed_out')
  expect(await vault.load(cardId)).toBeUndefined()
  expect([...secure.values.keys()]).toEqual([])
  const code = offlinePayCode(seed!, await sandboxNow(base))
  const answer = await scan(base, code, 'success', 100, 'Lawson')
  expect([answer.status, answer.body.code]).toEqual([410, 'code_revoked'])
})

test("the client learns the issuer's clock from each answer's Date header", async () => {
  const c = client('good')
  const issuerNow = () => sandboxNow(base)
  await firstCardId(c)
  expect(Math.abs(c.clock.now() - (await issuerNow()))).toBeLessThan(1500)
  const before = c.clock.skewMs()
  await advanceClock(base, 3 * 86_400)
  await c.api.listCards()
  expect(Math.abs(c.clock.now() - (await issuerNow()))).toBeLessThan(1500)
  expect(Math.abs(c.clock.skewMs() - before - 3 * 86_400_000)).toBeLessThan(1500)
})
