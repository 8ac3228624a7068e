import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ENDPOINTS, type InAppNotification, type Reminder, REMINDER_BOUNDS } from '@contract'
import Database from 'better-sqlite3'

import { SandboxStore } from '../../sandbox/store'
import { type Harness, startSandbox } from './harness'

// 10:00 in Asia/Shanghai on 2026-11-22; persona good's statement is due 2026-12-04.
const START = '2026-11-22T02:00:00Z'
const CARD = 'card_good_8888'
const DUE = '2026-12-04'
const STATEMENT_BALANCE = 376_543

let h: Harness
let good: string

beforeEach(async () => {
  // Access tokens outlive the clock jumps, so one session reads before and after.
  h = await startSandbox({ clockStart: START, accessTokenTtlS: 30 * 86_400 })
  good = (await h.signIn('good')).access
})
afterEach(() => h.close())

const remind = (body: unknown, token = good, card = CARD) =>
  h.call('POST', `/v1/cards/${card}/reminders`, { token, body })
const reminders = async (token = good, card = CARD) =>
  ((await h.call('GET', `/v1/cards/${card}/reminders`, { token })).body as { data: Reminder[] })
    .data
const notifications = async (token = good, card = CARD) =>
  (
    (await h.call('GET', `/v1/cards/${card}/notifications`, { token })).body as {
      data: InAppNotification[]
    }
  ).data
/** Moves the sandbox clock to `seconds` before (negative: after) an instant. */
async function advanceTo(instant: string, secondsBefore = 0): Promise<void> {
  const { now } = (await h.call('GET', '/v1/sandbox/clock')).body as { now: string }
  const seconds = Math.floor((Date.parse(instant) - Date.parse(now)) / 1000) - secondsBefore
  await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds } })
}

describe('reminder bounds (REMINDER_BOUNDS: lead days 1-7, time 08:00-21:00 issuer time)', () => {
  test.each([
    [{ days_before: 0 }, 'days_before: must be an integer 1-7'],
    [{ days_before: 8 }, 'days_before: must be an integer 1-7'],
    [{ days_before: 2.5 }, 'days_before: must be an integer 1-7'],
    [{ days_before: 3, time: '07:59' }, 'time: must be HH:MM from 08:00 to 21:00'],
    [{ days_before: 3, time: '21:01' }, 'time: must be HH:MM from 08:00 to 21:00'],
    [{ days_before: 3, time: '24:00' }, 'time: must be HH:MM from 08:00 to 21:00'],
    [{ days_before: 3, time: '9:00' }, 'time: must be HH:MM from 08:00 to 21:00'],
    [{ days_before: 3, time: 900 }, 'time: must be HH:MM from 08:00 to 21:00'],
  ])('%j answers 422 with the rule', async (fields, detail) => {
    const answer = await remind({ channel: 'in_app', ...fields })
    expect(answer.status).toBe(422)
    expect(answer.body).toMatchObject({ code: 'validation_failed', detail })
    expect(await reminders()).toEqual([])
  })

  test.each([
    [1, '08:00', '2026-12-03T00:00:00.000Z'],
    [7, '21:00', '2026-11-27T13:00:00.000Z'],
    [2, '20:30', '2026-12-02T12:30:00.000Z'],
    [3, undefined, '2026-12-01T01:00:00.000Z'], // the default time, 09:00
  ])('%d days before at %s is accepted, firing at %s', async (days, time, firesAt) => {
    const answer = await remind({ channel: 'in_app', days_before: days, time })
    expect(answer.status).toBe(201)
    const expected = {
      id: expect.stringMatching(/^rm_/),
      card_id: CARD,
      channel: 'in_app',
      days_before: days,
      time: time ?? '09:00',
      status: 'scheduled',
      fires_at: firesAt,
      created_at: expect.stringMatching(/^2026-11-22T02:00:/),
    }
    expect(answer.body).toEqual(expected)
    expect(await reminders()).toEqual([expected])
  })
})

describe('in-app notifications: GET /v1/cards/{card_id}/notifications', () => {
  test('a reminder fires at its chosen moment, not a second before, into the card’s list', async () => {
    const created = (await remind({ channel: 'in_app', days_before: 2, time: '20:30' }))
      .body as Reminder
    await remind({ channel: 'wechat', days_before: 2, time: '20:30' })
    expect(await notifications()).toEqual([])

    await advanceTo('2026-12-02T12:30:00Z', 2)
    expect(await notifications()).toEqual([])
    expect((await reminders()).map((r) => r.status)).toEqual(['scheduled', 'scheduled'])

    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 3 } })
    const fired = await notifications()
    // The wechat one went to its platform (the outbox), not into the app's list.
    expect(fired).toEqual([
      {
        id: expect.stringMatching(/^ob_/),
        reminder_id: created.id,
        card_id: CARD,
        due_date: DUE,
        amount_due: { amount: STATEMENT_BALANCE, currency: 'CNY' },
        fired_at: expect.stringMatching(/^2026-12-02T12:30:0/),
      },
    ])
    // WeChat's message was one per acceptance: that reminder is spent.
    expect((await reminders()).map((r) => [r.channel, r.status])).toEqual([
      ['in_app', 'fired'],
      ['wechat', 'spent'],
    ])
    const outbox = (await h.call('GET', '/v1/sandbox/outbox')).body as {
      data: { channel: string }[]
    }
    expect(outbox.data.map((e) => e.channel).sort()).toEqual(['in_app', 'wechat'])

    // Once per due date: later reads list the same one notification.
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 3600 } })
    expect(await notifications()).toEqual(fired)
  })

  test('amount_due is what remained of the statement when it fired', async () => {
    await h.call('POST', `/v1/cards/${CARD}/repayments`, {
      token: good,
      body: { amount: { amount: 76_543, currency: 'CNY' } },
      headers: { 'Idempotency-Key': 'reminder-test-0001' },
    })
    await remind({ channel: 'in_app', days_before: 7, time: '08:00' })
    await advanceTo('2026-11-27T00:00:00Z', -1)
    expect((await notifications()).map((n) => n.amount_due)).toEqual([
      { amount: 300_000, currency: 'CNY' },
    ])
  })

  test('only the cardholder’s own card: another user’s answers 404, their own list is theirs', async () => {
    await remind({ channel: 'in_app', days_before: 7, time: '08:00' })
    await advanceTo('2026-11-27T00:00:00Z', -1)
    expect(await notifications()).toHaveLength(1)
    const other = (await h.signIn('overdue')).access
    const refused = await h.call('GET', `/v1/cards/${CARD}/notifications`, { token: other })
    expect(refused.status).toBe(404)
    expect(refused.body).toMatchObject({ code: 'not_found' })
    expect(await notifications(other, 'card_overdue_4242')).toEqual([])
    const anonymous = await h.call('GET', `/v1/cards/${CARD}/notifications`)
    expect(anonymous.status).toBe(401)
  })

  test('a one-time channel sends once: spent, it stays silent at the next due date', async () => {
    await remind({ channel: 'wechat', days_before: 2, time: '20:30' })
    await remind({ channel: 'in_app', days_before: 2, time: '20:30' })
    await advanceTo('2026-12-02T12:30:00Z', -1)
    expect((await reminders()).map((r) => [r.channel, r.status])).toEqual([
      ['wechat', 'spent'],
      ['in_app', 'fired'],
    ])
    // A month on (the next statement closes, its due date passes): in-app fires again,
    // the spent WeChat reminder does not.
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 35 * 86_400 } })
    const outbox = (await h.call('GET', '/v1/sandbox/outbox')).body as {
      data: { channel: string }[]
    }
    expect(outbox.data.filter((e) => e.channel === 'wechat')).toHaveLength(1)
    expect(outbox.data.filter((e) => e.channel === 'in_app')).toHaveLength(2)
    const later = (await h.signIn('good')).access
    expect((await reminders(later)).find((r) => r.channel === 'wechat')?.status).toBe('spent')
  })

  test('renewed for the same bill, a reminder waits for the next one (one message per bill and channel)', async () => {
    await remind({ channel: 'wechat', days_before: 2, time: '20:30' })
    await advanceTo('2026-12-02T12:30:00Z', -1)
    // Renewed for the same bill: its channel already spoke for this due date, so the new
    // reminder waits for the next one.
    const spent = (await reminders()).find((r) => r.channel === 'wechat')!
    await h.call('DELETE', `/v1/cards/${CARD}/reminders/${spent.id}`, { token: good })
    await remind({ channel: 'wechat', days_before: 2, time: '20:30' })
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 60 } })
    expect((await reminders()).find((r) => r.channel === 'wechat')?.status).toBe('scheduled')
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 35 * 86_400 } })
    const outbox = (await h.call('GET', '/v1/sandbox/outbox')).body as {
      data: { channel: string; due_date: string }[]
    }
    const wechat = outbox.data.filter((e) => e.channel === 'wechat').map((e) => e.due_date)
    expect(wechat).toHaveLength(2)
    expect(new Set(wechat).size).toBe(2)
  })

  test('a card without a statement: the reminder waits, nothing fires', async () => {
    const fresh = (await h.signIn('no-statement')).access
    await remind({ channel: 'in_app', days_before: 1, time: '08:00' }, fresh, 'card_new_6201')
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 5 * 86_400 } })
    expect(await reminders(fresh, 'card_new_6201')).toEqual([
      expect.objectContaining({ status: 'no_statement', fires_at: null }),
    ])
    expect(await notifications(fresh, 'card_new_6201')).toEqual([])
  })
})

test('cancel as Taro’s Alipay request sends it (Content-Type: application/json, no body) is a 204', async () => {
  const { id } = (await remind({ channel: 'in_app', days_before: 3 })).body as Reminder
  const cancelled = await h.call('DELETE', `/v1/cards/${CARD}/reminders/${id}`, {
    token: good,
    headers: { 'Content-Type': 'application/json' },
  })
  expect(cancelled.status).toBe(204)
  expect(await reminders()).toEqual([])
  // A POST whose body is missing is still refused, as before (`raw`: Fastify's own 400).
  const empty = await h.call('POST', `/v1/cards/${CARD}/reminders`, {
    token: good,
    headers: { 'Content-Type': 'application/json' },
    raw: true,
  })
  expect(empty.status).toBe(400)
  expect(empty.body).toMatchObject({ code: 'validation_failed' })
})

describe('due reminders fire from the clock; reads only read', () => {
  test('a reminder fires at its moment with no request at all', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-reminders-'))
    const dbPath = path.join(dir, 'sandbox.db')
    // 09:59:55 in Asia/Shanghai on 2026-11-22; persona maxed's statement is due 2026-11-25,
    // so a reminder 3 days before at 10:00 comes due 5 s after the start.
    const file = await startSandbox({ dbPath, clockStart: '2026-11-22T01:59:55Z' })
    // The outbox as the file holds it, read beside the sandbox: no request reaches it.
    const reader = new Database(dbPath, { readonly: true })
    const outbox = () => reader.prepare('SELECT card_id, channel, due_date FROM outbox').all()
    try {
      const maxed = (await file.signIn('maxed')).access
      const created = await file.call('POST', '/v1/cards/card_maxed_5454/reminders', {
        token: maxed,
        body: { channel: 'in_app', days_before: 3, time: '10:00' },
      })
      expect(created.body).toMatchObject({
        status: 'scheduled',
        fires_at: '2026-11-22T02:00:00.000Z',
      })
      expect(outbox()).toEqual([])
      // Bounded wait on the condition: 5 s to its moment, then a margin for a slow machine.
      const until = Date.now() + 10_000
      while (outbox().length === 0 && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(outbox()).toEqual([
        { card_id: 'card_maxed_5454', channel: 'in_app', due_date: '2026-11-25' },
      ])
    } finally {
      reader.close()
      await file.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  test('reading reminders, notifications or the outbox runs no due work (SandboxStore.tick)', async () => {
    await remind({ channel: 'in_app', days_before: 7, time: '08:00' })
    const other = (await h.signIn('overdue')).access
    const tick = jest.spyOn(SandboxStore.prototype, 'tick')
    try {
      await reminders()
      await notifications()
      await notifications(other, 'card_overdue_4242')
      await h.call('GET', '/v1/sandbox/outbox')
      expect(tick).toHaveBeenCalledTimes(0)
    } finally {
      tick.mockRestore()
    }
  })

  test('a card holds at most 60 reminders (REMINDER_BOUNDS.perCard): the 61st answers 422', async () => {
    for (let n = 0; n < 60; n += 1) {
      expect((await remind({ channel: 'in_app', days_before: 1 + (n % 7) })).status).toBe(201)
    }
    const refused = await remind({ channel: 'in_app', days_before: 3 })
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({
      code: 'too_many_reminders',
      detail: 'a card holds at most 60 reminders; delete one to add another',
    })
    expect(await reminders()).toHaveLength(60)
    // The document says the same figure.
    expect(ENDPOINTS.find((e) => e.id === 'createReminder')?.description).toContain(
      `at most ${REMINDER_BOUNDS.perCard} reminders`,
    )
    // Another card has its own 60.
    const other = (await h.signIn('overdue')).access
    expect(
      (await remind({ channel: 'in_app', days_before: 3 }, other, 'card_overdue_4242')).status,
    ).toBe(201)
  })
})
