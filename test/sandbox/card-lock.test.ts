import type {
  Balance,
  Card,
  CardLock,
  OfflineSeed,
  PayCodeStatus,
  ScanResult,
  Transaction,
} from '@contract'

import { offlinePayCode } from '@/lib/totp'

import { cnyMoney } from '../support/money'
import { setCardLock, setPaymentPin } from '../support/sandbox-controls'
import { type Harness, startSandbox } from './harness'

/**
 * A cardholder locks a card: the till declines every scan of its codes (`card_locked`,
 * listed like any decline), no code is issued, and everything else reads and works as
 * before. Unlocking needs a step-up grant when the cardholder has a payment PIN.
 */
const START = '2026-11-22T02:00:00Z'
const CARD = 'card_good_8888'

let h: Harness
let token: string

beforeEach(async () => {
  h = await startSandbox({ clockStart: START })
  token = (await h.signIn('good')).access
})
afterEach(() => h.close())

const lock = (locked: boolean, extra: Record<string, unknown> = {}, as = token) =>
  h.call('PUT', `/v1/cards/${CARD}/lock`, { token: as, body: { locked, ...extra } })
const newCode = (body: Record<string, unknown> = { mode: 'online' }) =>
  h.call('POST', `/v1/cards/${CARD}/pay-codes`, { token, body })
const onlineCode = async () => (await newCode()).body as { id: string; code: string }
const scan = (code: string, amount = cnyMoney(3_300), outcome = 'success') =>
  h.call('POST', '/v1/sandbox/scan', {
    body: { code, amount, merchant: 'Lawson 罗森', outcome },
  }) as Promise<{ status: number; body: ScanResult & { code?: string } }>
const get = async <T>(path: string): Promise<T> => {
  const answer = await h.call('GET', path, { token })
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`)
  return answer.body as T
}
const cards = async () => (await get<{ data: Card[] }>('/v1/cards')).data
const balance = () => get<Balance>(`/v1/cards/${CARD}/balance`)
const transactions = async () =>
  (await get<{ data: Transaction[] }>(`/v1/cards/${CARD}/transactions?limit=100`)).data
const figures = async () => {
  const b = await balance()
  return [b.available_credit, b.current_balance, b.pending_amount]
}
const sandboxNow = async () =>
  Date.parse(((await h.call('GET', '/v1/sandbox/clock')).body as { now: string }).now)

/** The problem+json body of a refusal, exactly (its request id is the header's). */
const problemBody = (status: number, title: string, code: string, detail: string) => ({
  type: `https://cardlet.dev/problems/${code}`,
  title,
  status,
  detail,
  code,
  request_id: expect.any(String),
  retryable: false,
})

describe('a locked card', () => {
  test('the card list and the balance say locked; the lock answers when it changed', async () => {
    const at = await sandboxNow()
    const locked = await lock(true)
    expect(locked.status).toBe(200)
    const body = locked.body as CardLock
    expect(body).toEqual({ card_id: CARD, locked: true, updated_at: expect.any(String) })
    expect(Date.parse(body.updated_at)).toBeGreaterThanOrEqual(at)
    expect(Date.parse(body.updated_at)).toBeLessThanOrEqual(await sandboxNow())
    expect(await cards()).toEqual([
      {
        id: CARD,
        brand: 'unionpay',
        last4: '8888',
        product_name: 'Cardlet 金卡',
        currency: 'CNY',
        locked: true,
      },
    ])
    expect(await balance()).toMatchObject({ card_id: CARD, locked: true })
  })

  test('gets no code, online or offline: 409 card_locked', async () => {
    await lock(true)
    for (const body of [{ mode: 'online' }, { mode: 'offline', device_id: 'watch-lock-0001' }]) {
      const refused = await newCode(body)
      expect([refused.status, refused.body]).toEqual([
        409,
        problemBody(
          409,
          'Conflict',
          'card_locked',
          'this card is locked: unlock it to pay with it',
        ),
      ])
    }
  })

  test('its statement, transactions and repayments read and work as before', async () => {
    await lock(true)
    expect((await h.call('GET', `/v1/cards/${CARD}/statements/current`, { token })).status).toBe(
      200,
    )
    const before = await balance()
    const repaid = await h.call('POST', `/v1/cards/${CARD}/repayments`, {
      token,
      body: { amount: cnyMoney(10_000) },
      headers: { 'Idempotency-Key': 'lock-repay-0001' },
    })
    expect(repaid.status).toBe(201)
    const after = await balance()
    expect(after.current_balance).toEqual(cnyMoney(before.current_balance.amount - 10_000))
    expect(after.locked).toBe(true)
    expect((await transactions())[0]).toMatchObject({ type: 'repayment', amount: cnyMoney(10_000) })
  })

  test('an online code issued before the lock: declined card_locked, listed, spent; the long-poll says so', async () => {
    const code = await onlineCode()
    const waiting = h.call('GET', `/v1/pay-codes/${code.id}?wait_s=20&since=active`, { token })
    expect((await lock(true)).status).toBe(200)
    const before = await figures()
    const answer = await scan(code.code)
    expect([answer.status, answer.body]).toEqual([
      200,
      {
        pay_code_id: code.id,
        status: 'declined',
        transaction_id: expect.stringMatching(/^tx_/),
        decline_reason: 'card_locked',
      },
    ])
    const declined: PayCodeStatus = {
      id: code.id,
      status: 'declined',
      amount: cnyMoney(3_300),
      merchant: 'Lawson 罗森',
      transaction_id: answer.body.transaction_id,
      decline_reason: 'card_locked',
      updated_at: expect.stringMatching(/^2026-11-22T02:00:0\d\./) as unknown as string,
    }
    expect((await waiting).body).toEqual(declined)
    expect(await get(`/v1/pay-codes/${code.id}`)).toEqual(declined)
    const [latest] = await transactions()
    expect(latest).toEqual({
      id: answer.body.transaction_id,
      card_id: CARD,
      type: 'purchase',
      direction: 'debit',
      amount: cnyMoney(3_300),
      merchant: 'Lawson 罗森',
      status: 'declined',
      created_at: expect.stringMatching(/^2026-11-22T02:00:0\d\./),
      decline_reason: 'card_locked',
    })
    expect(await figures()).toEqual(before)
    // Spent like any declined code: a second scan is the till's error.
    const again = await scan(code.code)
    expect([again.status, again.body.code]).toEqual([409, 'code_used'])
  })

  test('whatever the outcome asked', async () => {
    await lock(true)
    // Codes issued before the lock, one per outcome (a new online code replaces the last).
    const answers = []
    for (const outcome of [
      'decline',
      'pending_then_success',
      'success_then_reversal',
      'no_result',
    ]) {
      await lock(false)
      const code = await onlineCode()
      await lock(true)
      answers.push([outcome, (await scan(code.code, cnyMoney(500), outcome)).body.decline_reason])
    }
    expect(answers).toEqual([
      ['decline', 'card_locked'],
      ['pending_then_success', 'card_locked'],
      ['success_then_reversal', 'card_locked'],
      ['no_result', 'card_locked'],
    ])
  })

  test('an offline code of a seed provisioned before the lock is declined card_locked', async () => {
    const seed = (await newCode({ mode: 'offline', device_id: 'watch-lock-0002' }))
      .body as OfflineSeed
    await lock(true)
    const rows = (await transactions()).length
    const answer = await scan(offlinePayCode(seed, await sandboxNow()))
    expect(answer.body).toEqual({
      pay_code_id: seed.id,
      status: 'declined',
      transaction_id: expect.stringMatching(/^tx_/),
      decline_reason: 'card_locked',
    })
    expect((await transactions()).length).toBe(rows + 1)
    expect(await get(`/v1/pay-codes/${seed.id}`)).toMatchObject({
      status: 'declined',
      decline_reason: 'card_locked',
    })
    // In a currency the card does not take, the lock is still the answer; nothing listed.
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 30 } })
    const foreign = await scan(offlinePayCode(seed, await sandboxNow()), {
      amount: 700,
      currency: 'JPY',
    })
    expect(foreign.body).toEqual({
      pay_code_id: seed.id,
      status: 'declined',
      decline_reason: 'card_locked',
    })
    expect((await transactions()).length).toBe(rows + 1)
  })

  test('unlocked, a new code pays', async () => {
    await lock(true)
    const unlocked = await lock(false)
    expect(unlocked.body).toMatchObject({ card_id: CARD, locked: false })
    expect((await cards())[0]?.locked).toBe(false)
    expect((await balance()).locked).toBe(false)
    const code = await onlineCode()
    expect((await scan(code.code)).body).toEqual({
      pay_code_id: code.id,
      status: 'succeeded',
      transaction_id: expect.stringMatching(/^tx_/),
    })
  })
})

describe('the lock is idempotent', () => {
  test('locking a locked card, or unlocking an unlocked one, changes nothing', async () => {
    const first = await lock(true)
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 60 } })
    const second = await lock(true)
    expect([second.status, second.body]).toEqual([200, first.body])
    const opened = await lock(false)
    await h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds: 60 } })
    const again = await lock(false)
    expect([again.status, again.body]).toEqual([200, opened.body])
    expect(Date.parse((opened.body as CardLock).updated_at)).toBeGreaterThan(
      Date.parse((first.body as CardLock).updated_at),
    )
  })

  test('two locks at once: both 200, locked once (the same updated_at)', async () => {
    const [a, b] = await Promise.all([lock(true), lock(true)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body).toEqual(b.body)
    expect((a.body as CardLock).locked).toBe(true)
    const [c, d] = await Promise.all([lock(false), lock(false)])
    expect([c.status, d.status]).toEqual([200, 200])
    expect(c.body).toEqual(d.body)
  })
})

describe('unlocking with a payment PIN', () => {
  test('needs a step-up grant: 403 step_up_required without, 200 with; locking needs none', async () => {
    await setPaymentPin(h.base, 'good', '482916')
    expect((await lock(true)).status).toBe(200)
    const refused = await lock(false)
    expect([refused.status, refused.body]).toEqual([
      403,
      problemBody(
        403,
        'Forbidden',
        'step_up_required',
        'unlocking a card needs the payment check: a step_up_token from POST /v1/payment-check/step-ups (valid 300 s)',
      ),
    ])
    expect((await lock(false, { step_up_token: 'made-up-grant' })).body).toMatchObject({
      code: 'step_up_required',
    })
    expect((await cards())[0]?.locked).toBe(true)
    const grant = await h.call('POST', '/v1/payment-check/step-ups', {
      token,
      body: { method: 'pin', pin: '482916' },
    })
    const { step_up_token: stepUp } = grant.body as { step_up_token: string }
    const unlocked = await lock(false, { step_up_token: stepUp })
    expect([unlocked.status, (unlocked.body as CardLock).locked]).toEqual([200, false])
  })

  test("another session's grant does not unlock (a new session does not carry it)", async () => {
    await setPaymentPin(h.base, 'good', '482916')
    await lock(true)
    const other = (await h.signIn('good')).access
    const grant = await h.call('POST', '/v1/payment-check/step-ups', {
      token: other,
      body: { method: 'pin', pin: '482916' },
    })
    const { step_up_token: stepUp } = grant.body as { step_up_token: string }
    expect((await lock(false, { step_up_token: stepUp })).status).toBe(403)
    expect((await lock(false, { step_up_token: stepUp }, other)).status).toBe(200)
  })

  test('the controls helper locks and unlocks as the cardholder, proving the PIN', async () => {
    await setPaymentPin(h.base, 'good', '482916')
    expect(await setCardLock(h.base, 'good', CARD, true)).toMatchObject({ locked: true })
    await expect(setCardLock(h.base, 'good', CARD, false)).rejects.toThrow(
      `PUT /v1/cards/${CARD}/lock: 403`,
    )
    expect(await setCardLock(h.base, 'good', CARD, false, '482916')).toMatchObject({
      card_id: CARD,
      locked: false,
    })
  })
})

describe("another cardholder's card", () => {
  test('cannot be locked (404, as a card that does not exist); it stays unlocked', async () => {
    const mallory = (await h.signIn('overdue')).access
    const refused = await lock(true, {}, mallory)
    expect([refused.status, refused.body]).toEqual([
      404,
      problemBody(404, 'Not found', 'not_found', 'no such card'),
    ])
    expect((await cards())[0]?.locked).toBe(false)
  })
})

test('a reset drops every lock', async () => {
  await lock(true)
  expect((await h.call('POST', '/v1/sandbox/reset')).status).toBe(200)
  token = (await h.signIn('good')).access
  expect((await cards())[0]?.locked).toBe(false)
})
