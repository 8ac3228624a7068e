import Taro from '@tarojs/taro'

import {
  createIssuerClient,
  HOST_TOKEN_UNAVAILABLE,
  type HostTokenSource,
  type IssuerClient,
  type IssuerError,
  useSessionStore,
} from '@/issuer/client'
import { memoryStore } from '@/platform/storage/port'

import { type Harness, startSandbox } from '../sandbox/harness'

/**
 * Host session mode against the real sandbox issuer over real HTTP: the "host" (the
 * bank's mini-program that embeds the widgets) signs in on the sandbox itself and
 * hands its access token to Cardlet. Only the Taro platform adapter is Node's
 * (test/support/taro-node.ts), so a spy on `Taro.request` sees every request the
 * client sends; the sandbox's own request log sees every request it received.
 */

let h: Harness
let other: Harness
const logged: string[] = []
const issued = new Set<string>()

beforeAll(async () => {
  // Different seeds: the second issuer's cards are not the first one's.
  h = await startSandbox({ seed: 7 })
  other = await startSandbox({ seed: 8 })
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '))
    })
  }
})

afterAll(async () => {
  jest.restoreAllMocks()
  await Promise.all([h.close(), other.close()])
})

let sent: jest.SpyInstance
beforeEach(() => {
  useSessionStore.getState().setStatus('anonymous')
  sent = jest.spyOn(Taro, 'request')
})

afterEach(() => sent.mockRestore())

/** What the host does on its own: signs in on the issuer and keeps the access token. */
async function hostSignIn(issuer: Harness = h): Promise<string> {
  const { status, body } = await issuer.call('POST', '/v1/auth/sessions', {
    body: { provider: 'wechat', code: 'sandbox:good' },
  })
  expect(status).toBe(201)
  const token = (body as { access_token: string }).access_token
  issued.add(token)
  return token
}

/** The host ends the session its token belongs to: the issuer now answers it with 401. */
async function hostRevokes(token: string): Promise<void> {
  const { status } = await h.call('DELETE', '/v1/auth/sessions/current', { token })
  expect(status).toBe(204)
}

/** A getToken that counts its calls and answers from `answers`, the last one repeating. */
function hostTokens(...answers: (() => Promise<string> | string)[]) {
  let calls = 0
  const getToken: HostTokenSource = () => {
    const answer = answers[Math.min(calls, answers.length - 1)]
    calls += 1
    if (!answer) throw new Error('no answer given')
    return answer()
  }
  return { getToken, calls: () => calls }
}

interface HostClient {
  client: IssuerClient
  secure: Map<string, string>
  loginCodes: () => number
  authRequired: () => number
}

function hostClient(getToken: HostTokenSource, timeoutMs?: number): HostClient {
  const secure = memoryStore()
  let loginCodes = 0
  let authRequired = 0
  const client = createIssuerClient({
    baseUrl: h.base,
    timeoutMs: 2000,
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxTotalMs: 1000 },
    secure,
    loginCode: async () => {
      loginCodes += 1
      throw new Error('Cardlet asked for a platform login code in host mode')
    },
  })
  client.session.useHostSession(getToken, timeoutMs === undefined ? undefined : { timeoutMs })
  client.session.onAuthRequired(() => void (authRequired += 1))
  return {
    client,
    secure: secure.values,
    loginCodes: () => loginCodes,
    authRequired: () => authRequired,
  }
}

/** `METHOD url Bearer-token` of every request the client sent during the test. */
function requests(): { method: string; url: string; token: string | undefined }[] {
  return sent.mock.calls.map(([options]) => {
    const { method, url, header } = options as {
      method: string
      url: string
      header: Record<string, string>
    }
    return { method, url, token: header.Authorization?.replace(/^Bearer /, '') }
  })
}

/** `METHOD path` of every request an issuer received, from its own log. */
function received(issuer: Harness): string[] {
  return issuer.logs
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; req?: { method: string; path: string } })
    .filter((entry) => entry.msg === 'incoming request' && entry.req)
    .map((entry) => `${entry.req!.method} ${entry.req!.path}`)
}

async function firstCardId(c: IssuerClient): Promise<string> {
  const { data } = await c.api.listCards()
  const id = data?.data[0]?.id
  if (!id) throw new Error('persona has no card')
  return id
}

function failure(promise: Promise<unknown>): Promise<IssuerError> {
  return promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (error: unknown) => error as IssuerError,
  )
}

test("the host's token reads the balance; Cardlet sends nothing to /v1/auth and stores nothing", async () => {
  const token = await hostSignIn()
  const host = hostTokens(() => token)
  const before = received(h).length
  const { client, secure, loginCodes, authRequired } = hostClient(host.getToken)
  expect(client.session.mode).toBe('host')

  const cardId = await firstCardId(client)
  const { status, data } = await client.api.getBalance(cardId)

  // Exactly what the issuer answers the host for the same token.
  const direct = await h.call('GET', `/v1/cards/${cardId}/balance`, { token })
  expect([status, data]).toEqual([200, direct.body])
  expect(useSessionStore.getState().status).toBe('signed_in')
  expect(host.calls()).toBe(1)
  expect(loginCodes()).toBe(0)
  expect(authRequired()).toBe(0)
  expect(requests()).toEqual([
    { method: 'GET', url: `${h.base}/v1/cards`, token },
    { method: 'GET', url: `${h.base}/v1/cards/${cardId}/balance`, token },
  ])
  // The issuer's own log: the client's two reads and the test's direct one, no session.
  expect(received(h).slice(before)).toEqual([
    'GET /v1/cards',
    `GET /v1/cards/${cardId}/balance`,
    `GET /v1/cards/${cardId}/balance`,
  ])
  expect([...secure.keys()]).toEqual([])
})

test('a session without a host is Cardlet-owned', () => {
  const client = createIssuerClient({ baseUrl: h.base, secure: memoryStore() })
  expect(client.session.mode).toBe('cardlet')
})

test('concurrent first calls ask the host once', async () => {
  const token = await hostSignIn()
  const host = hostTokens(() => token)
  const { client } = hostClient(host.getToken)
  const tokens = await Promise.all(Array.from({ length: 5 }, () => client.session.accessToken()))
  expect(tokens).toEqual(Array(5).fill(token))
  expect(host.calls()).toBe(1)
})

test('a token the issuer refused: one more getToken for five concurrent calls, all succeed with the fresh token', async () => {
  const first = await hostSignIn()
  const fresh = await hostSignIn()
  // The host answers the renewal only once all five 401s have asked for one, so the
  // five share one question rather than finding it already answered.
  let renewals = 0
  let allRefused: () => void = () => undefined
  const fiveRenewals = new Promise<void>((resolve) => (allRefused = resolve))
  const host = hostTokens(
    () => first,
    () => fiveRenewals.then(() => fresh),
  )
  const { client, authRequired } = hostClient(host.getToken)
  const renew = client.session.renew.bind(client.session)
  client.session.renew = (token) => {
    renewals += 1
    if (renewals === 5) allRefused()
    return renew(token)
  }
  const cardId = await firstCardId(client)
  await hostRevokes(first)
  sent.mockClear()

  const results = await Promise.all(Array.from({ length: 5 }, () => client.api.getBalance(cardId)))

  expect(results.map((r) => [r.status, r.data?.card_id])).toEqual(Array(5).fill([200, cardId]))
  expect([renewals, host.calls()]).toEqual([5, 2])
  const balance = `${h.base}/v1/cards/${cardId}/balance`
  expect(requests()).toEqual([
    ...Array(5).fill({ method: 'GET', url: balance, token: first }),
    ...Array(5).fill({ method: 'GET', url: balance, token: fresh }),
  ])
  expect(useSessionStore.getState().status).toBe('signed_in')
  expect(authRequired()).toBe(0)
})

test('the host answering the refused token again: signed out, authrequired once, no more asking', async () => {
  const token = await hostSignIn()
  const host = hostTokens(() => token)
  const { client, authRequired } = hostClient(host.getToken)
  const cardId = await firstCardId(client)
  await hostRevokes(token)
  sent.mockClear()

  const error = await failure(client.api.getBalance(cardId))
  expect([error.kind, error.code, error.messageKey]).toEqual([
    'signed_out',
    HOST_TOKEN_UNAVAILABLE,
    'error.signedOut',
  ])
  expect(useSessionStore.getState().status).toBe('signed_out')
  expect(authRequired()).toBe(1)
  expect(host.calls()).toBe(2)
  // One 401, one renewal, then the request fails: no second try with the same token.
  expect(requests()).toHaveLength(1)

  const after = await failure(client.session.accessToken())
  expect([after.kind, after.code]).toEqual(['signed_out', HOST_TOKEN_UNAVAILABLE])
  await expect(client.api.getBalance(cardId)).rejects.toMatchObject({ kind: 'signed_out' })
  expect(host.calls()).toBe(2)
  expect(authRequired()).toBe(1)
  expect(requests()).toHaveLength(1)
})

test('a host that never answers: signed out after the timeout, one call for concurrent callers', async () => {
  const host = hostTokens(() => new Promise<string>(() => undefined))
  const { client, authRequired } = hostClient(host.getToken, 200)
  const started = Date.now()

  const errors = await Promise.all(Array.from({ length: 3 }, () => failure(client.api.listCards())))

  const elapsed = Date.now() - started
  expect(errors.map((e) => [e.kind, e.code])).toEqual(
    Array(3).fill(['signed_out', HOST_TOKEN_UNAVAILABLE]),
  )
  // The 200 ms given, not the 5000 ms default (timers may fire a tick early on Date.now).
  expect(elapsed).toBeGreaterThanOrEqual(195)
  expect(elapsed).toBeLessThan(5000)
  expect(host.calls()).toBe(1)
  expect(useSessionStore.getState().status).toBe('signed_out')
  expect(authRequired()).toBe(1)
  expect(requests()).toEqual([])
})

test.each<[string, () => Promise<string> | string]>([
  ['rejects', () => Promise.reject(new Error('the user has not signed in to the bank'))],
  [
    'throws',
    () => {
      throw new Error('no session')
    },
  ],
  ['answers an empty string', () => ''],
  ['answers a non-string', () => 42 as unknown as string],
])('a host that %s: signed out, and the issuer is not called', async (_name, answer) => {
  const host = hostTokens(answer)
  const { client, authRequired, loginCodes } = hostClient(host.getToken)

  const error = await failure(client.api.listCards())

  expect([error.kind, error.code]).toEqual(['signed_out', HOST_TOKEN_UNAVAILABLE])
  expect(useSessionStore.getState().status).toBe('signed_out')
  expect([host.calls(), authRequired(), loginCodes()]).toEqual([1, 1, 0])
  expect(requests()).toEqual([])
})

test('after a refusal, signIn() asks the host again and recovers', async () => {
  const token = await hostSignIn()
  const host = hostTokens(
    () => Promise.reject(new Error('the user has not signed in to the bank')),
    () => token,
  )
  const { client, authRequired } = hostClient(host.getToken)
  await expect(client.api.listCards()).rejects.toMatchObject({ kind: 'signed_out' })
  await expect(client.session.accessToken()).rejects.toMatchObject({ kind: 'signed_out' })
  expect([host.calls(), authRequired()]).toEqual([1, 1])

  await client.session.signIn()

  expect(useSessionStore.getState().status).toBe('signed_in')
  const { status, data } = await client.api.listCards()
  const direct = await h.call('GET', '/v1/cards', { token })
  expect([status, data]).toEqual([200, direct.body])
  expect([host.calls(), authRequired()]).toEqual([2, 1])
})

test("signOut() in host mode forgets the token and runs the sign-out listeners; the host's session lives on", async () => {
  const token = await hostSignIn()
  const host = hostTokens(() => token)
  const { client, authRequired } = hostClient(host.getToken)
  let signOuts = 0
  client.session.onSignOut(() => void (signOuts += 1))
  await firstCardId(client)
  sent.mockClear()

  await client.session.signOut()

  expect(useSessionStore.getState().status).toBe('signed_out')
  expect([signOuts, authRequired()]).toEqual([1, 0])
  expect(requests()).toEqual([]) // no DELETE /v1/auth/sessions/current
  expect((await h.call('GET', '/v1/cards', { token })).status).toBe(200)
  await expect(client.session.accessToken()).rejects.toMatchObject({ kind: 'signed_out' })
  expect(host.calls()).toBe(1)
})

test('setBaseUrl moves later requests to another issuer', async () => {
  const tokens = new Map([
    [h.base, await hostSignIn(h)],
    [other.base, await hostSignIn(other)],
  ])
  // The host hands out the token of whichever issuer the widgets now talk to.
  const host = hostTokens(() => tokens.get(client.transport.baseUrl) ?? '')
  const { client } = hostClient(host.getToken)
  expect(client.transport.baseUrl).toBe(h.base)
  await firstCardId(client)
  const before = received(h).length
  const otherBefore = received(other).length
  sent.mockClear()

  client.transport.setBaseUrl(`${other.base}/`)

  expect(client.transport.baseUrl).toBe(other.base)
  const { status, data } = await client.api.listCards()
  const direct = await other.call('GET', '/v1/cards', { token: tokens.get(other.base) })
  expect([status, data]).toEqual([200, direct.body])
  // The first issuer's token is unknown to the second: one 401, one renewal.
  expect(requests()).toEqual([
    { method: 'GET', url: `${other.base}/v1/cards`, token: tokens.get(h.base) },
    { method: 'GET', url: `${other.base}/v1/cards`, token: tokens.get(other.base) },
  ])
  // The 401, the repeat and the test's direct read; the first issuer heard nothing more.
  expect(received(other).slice(otherBefore)).toEqual(Array(3).fill('GET /v1/cards'))
  expect(received(h).slice(before)).toEqual([])
})

test('in Cardlet mode, a login code the issuer refuses fires authrequired; signOut() does not', async () => {
  let authRequired = 0
  const client = createIssuerClient({
    baseUrl: h.base,
    secure: memoryStore(),
    loginCode: async () => ({ provider: 'wechat', code: 'sandbox:nobody-at-all' }),
  })
  client.session.onAuthRequired(() => void (authRequired += 1))

  const error = await failure(client.api.listCards())

  expect([error.kind, error.code, useSessionStore.getState().status]).toEqual([
    'signed_out',
    'invalid_grant',
    'signed_out',
  ])
  expect(authRequired).toBe(1)
  await client.session.signOut()
  expect(authRequired).toBe(1)
})

test('unsubscribing from authrequired stops the calls', async () => {
  let authRequired = 0
  const host = hostTokens(() => '')
  const { client } = hostClient(host.getToken)
  const unsubscribe = client.session.onAuthRequired(() => void (authRequired += 1))
  unsubscribe()
  await expect(client.session.accessToken()).rejects.toMatchObject({ kind: 'signed_out' })
  expect(authRequired).toBe(0)
})

test('no token reaches a log line or the session store', () => {
  expect(issued.size).toBeGreaterThan(0)
  const state = JSON.stringify(useSessionStore.getState())
  const lines = [...logged, ...h.logs, ...other.logs].join('\n')
  for (const token of issued) {
    expect(lines).not.toContain(token)
    expect(state).not.toContain(token)
  }
})
