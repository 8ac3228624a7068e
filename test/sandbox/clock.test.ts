import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ISSUER_TIME_ZONE, type Statement } from '@contract'
import { addDays, todayIn } from '@contract/calendar'

import type { SandboxOptions } from '../../sandbox/app'
import { type Harness, startSandbox } from './harness'

const DAY_S = 86_400
const START = '2026-11-22T02:00:00Z'
const CARD = 'card_good_8888'

let dir: string
let dbPath: string
const open: Harness[] = []

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-clock-'))
  dbPath = path.join(dir, 'sandbox.db')
})
afterEach(async () => {
  // close() twice is harmless; a failed step must not leave a server listening.
  await Promise.all(open.splice(0).map((h) => h.close()))
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A sandbox on this test's database file. */
async function start(options: SandboxOptions = {}): Promise<Harness> {
  const h = await startSandbox({ dbPath, ...options })
  open.push(h)
  return h
}

async function sandboxNow(h: Harness): Promise<number> {
  return Date.parse(((await h.call('GET', '/v1/sandbox/clock')).body as { now: string }).now)
}

/** How far sandbox time is from `from` (default real time), in whole minutes. */
async function minutesAhead(h: Harness, from = Date.now()): Promise<number> {
  return Math.round(((await sandboxNow(h)) - from) / 60_000)
}

const advance = (h: Harness, seconds: number) =>
  h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds } })

test('an advance survives a restart on the same file', async () => {
  const first = await start()
  await advance(first, 60 * DAY_S)
  expect(await minutesAhead(first)).toBe(60 * 24 * 60)
  await first.close()

  const second = await start()
  expect(await minutesAhead(second)).toBe(60 * 24 * 60)
})

test('POST /v1/sandbox/reset puts the clock back to real time, seeds there, and a restart keeps it', async () => {
  const first = await start()
  await advance(first, 60 * DAY_S)
  expect((await first.call('POST', '/v1/sandbox/reset')).body).toEqual({ reset: true })
  expect(await minutesAhead(first)).toBe(0)
  // The personas are seeded at the reset clock: good's statement is due 12 days from today.
  const token = (await first.signIn('good')).access
  const statement = (await first.call('GET', `/v1/cards/${CARD}/statements/current`, { token }))
    .body as Statement
  expect(statement.due_date).toBe(addDays(todayIn(ISSUER_TIME_ZONE, Date.now()), 12))
  await first.close()

  const second = await start()
  expect(await minutesAhead(second)).toBe(0)
})

test('POST /v1/sandbox/clock/reset undoes every advance and keeps the data', async () => {
  const first = await start({ clockStart: START })
  await advance(first, 3 * DAY_S)
  const token = (await first.signIn('good')).access
  const repaid = await first.call('POST', `/v1/cards/${CARD}/repayments`, {
    token,
    body: { amount: { amount: 1_000, currency: 'CNY' } },
    headers: { 'Idempotency-Key': 'clock-reset-0001' },
  })
  expect(repaid.status).toBe(201)

  const reset = await first.call('POST', '/v1/sandbox/clock/reset')
  expect(reset.status).toBe(200)
  // Back on the clockStart timeline: START plus the real time this test took.
  expect(
    Math.round((Date.parse((reset.body as { now: string }).now) - Date.parse(START)) / 60_000),
  ).toBe(0)
  expect(await minutesAhead(first, Date.parse(START))).toBe(0)
  const list = await first.call('GET', `/v1/cards/${CARD}/repayments`, { token })
  expect((list.body as { data: { id: string }[] }).data.map((r) => r.id)).toEqual([
    (repaid.body as { id: string }).id,
  ])
  await first.close()

  // The reset is kept in the file too.
  const second = await start({ clockStart: START })
  expect(await minutesAhead(second, Date.parse(START))).toBe(0)
})
