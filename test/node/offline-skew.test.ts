import type { FastifyInstance } from 'fastify'

import { createSeedVault } from '@/features/pay-code/offline-seed-vault'
import { PayCodeController, type PayCodeState } from '@/features/pay-code/pay-code-controller'
import { createIssuerClient } from '@/issuer/client'
import { memoryStore } from '@/platform/storage/port'

import { buildSandbox } from '../../sandbox/app'
import { advanceClock, scan } from '../support/sandbox-controls'

/**
 * The issuer's clock runs 60 s ahead of the device's; the pay code is
 * opened online once (the seed is stored), then the app starts again with no network.
 * The code on screen must pay at the real sandbox's till.
 */

const CARD = 'card_good_8888'
let app: FastifyInstance
let base: string

beforeAll(async () => {
  app = await buildSandbox({ dbPath: ':memory:' })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(() => app.close())

/** Resolves once the controller's state passes `check` (bounded: 5 s). */
function reach(c: PayCodeController, check: (s: PayCodeState) => boolean): Promise<PayCodeState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`never reached; last ${JSON.stringify(c.store.getState())}`))
    }, 5_000)
    const test = (s: PayCodeState) => {
      if (!check(s)) return
      clearTimeout(timer)
      stop()
      resolve(s)
    }
    const stop = c.store.subscribe(test)
    test(c.store.getState())
  })
}

test('an offline code after a cold start follows the skew measured online, and pays', async () => {
  await advanceClock(base, 60)
  const secure = memoryStore()
  const vault = createSeedVault(secure, memoryStore())
  const client = (baseUrl: string) =>
    createIssuerClient({
      baseUrl,
      timeoutMs: 2_000,
      retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10, maxTotalMs: 100 },
      secure,
      loginCode: async () => ({ provider: 'h5', code: `sandbox:good:skew${Date.now()}` }),
    })

  const online = new PayCodeController({ api: client(base).api, seeds: vault })
  online.start(CARD)
  await reach(online, (s) => s.phase === 'online')
  const stored = await new Promise<Awaited<ReturnType<typeof vault.load>>>((resolve, reject) => {
    const started = Date.now()
    const look = async () => {
      const kept = await vault.load(CARD)
      if (kept) resolve(kept)
      else if (Date.now() - started > 5_000) reject(new Error('no seed stored'))
      else setTimeout(() => void look(), 50)
    }
    void look()
  })
  online.stop()
  // 60 s, give or take the request's round trip.
  expect(Math.abs(stored!.skewMs - 60_000)).toBeLessThan(1_000)

  // A cold start with no issuer to reach (nothing listens on port 9).
  const cold = new PayCodeController({ api: client('http://127.0.0.1:9').api, seeds: vault })
  cold.start(CARD)
  const offline = await reach(cold, (s) => s.phase === 'offline' && s.code !== undefined)
  cold.stop()
  const answer = await scan(base, offline.code!.value, 'success', 1_000, 'Lawson')
  expect([answer.status, answer.body.status]).toEqual([200, 'succeeded'])
})
