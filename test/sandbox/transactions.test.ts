import {
  type Balance,
  minimumDueOf,
  type PayCodeStatus,
  type ScanResult,
  type Statement,
  type Transaction,
  type TransactionList,
} from '@contract'

import { PERSONA_NAMES, PERSONAS } from '../../sandbox/personas'
import { cnyMoney } from '../support/money'
import { type Harness, startSandbox } from './harness'

// 10:00 in Asia/Shanghai, 2026-11-22 (the sandbox's today): good's statement was cut on
// 2026-11-14 (due 2026-12-04), so its next one is cut on 2026-12-14.
const START = '2026-11-22T02:00:00Z'
const GOOD = 'card_good_8888'
const MAXED = 'card_maxed_5454'
const DAY = 86_400

let h: Harness

beforeEach(async () => {
  h = await startSandbox({ clockStart: START })
})
afterEach(() => h.close())

const advance = (seconds: number) =>
  h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds } })

/** A fresh session's view of one card (tokens expire as the clock jumps). */
async function as(persona: string, card: string) {
  const token = (await h.signIn(persona)).access
  const get = async <T>(path: string): Promise<T> => {
    const answer = await h.call('GET', `/v1/cards/${card}${path}`, { token })
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`)
    return answer.body as T
  }
  return {
    token,
    balance: () => get<Balance>('/balance'),
    statement: () => get<Statement>('/statements/current'),
    transactions: (query = '') => get<TransactionList>(`/transactions${query}`),
    /** A new online code of this card. */
    code: async () =>
      (await h.call('POST', `/v1/cards/${card}/pay-codes`, { token, body: { mode: 'online' } }))
        .body as { id: string; code: string },
    repay: (amount: number, key: string) =>
      h.call('POST', `/v1/cards/${card}/repayments`, {
        token,
        body: { amount: cnyMoney(amount) },
        headers: { 'Idempotency-Key': key },
      }),
    payCode: async (id: string) =>
      (await h.call('GET', `/v1/pay-codes/${id}`, { token })).body as PayCodeStatus,
  }
}

const scan = (code: string, amount: number, outcome = 'success', merchant = '全家便利店') =>
  h.call('POST', '/v1/sandbox/scan', {
    body: { code, amount: cnyMoney(amount), merchant, outcome },
  }) as Promise<{ status: number; body: ScanResult & { code?: string } }>

/** The figures a payment may move. */
const figures = (b: Balance) => ({
  available: b.available_credit.amount,
  current: b.current_balance.amount,
  pending: b.pending_amount.amount,
})

describe('seeded transactions', () => {
  test.each(PERSONA_NAMES)('%s: the list adds up to the seeded figures', async (persona) => {
    for (const card of PERSONAS[persona]) {
      const view = await as(persona, card.id)
      const { data, has_more } = await view.transactions('?limit=100')
      expect(has_more).toBe(false)
      expect(data).toHaveLength(card.transactions.length)
      const sum = (status: string) =>
        data.filter((t) => t.status === status).reduce((n, t) => n + t.amount.amount, 0)
      expect([sum('posted'), sum('pending')]).toEqual([card.posted, card.pending])
      const balance = await view.balance()
      expect([balance.current_balance.amount, balance.pending_amount.amount]).toEqual([
        card.posted,
        card.pending,
      ])
      // Newest first, each declined one with its reason and only those.
      const times = data.map((t) => t.created_at)
      expect(times).toEqual([...times].sort().reverse())
      for (const t of data) {
        expect([t.id, t.status === 'declined', t.decline_reason !== undefined]).toEqual([
          t.id,
          t.status === 'declined',
          t.status === 'declined',
        ])
      }
    }
  })

  test('good: the latest three are the hotel pre-authorisation, then posted spending', async () => {
    const { data, has_more } = await (await as('good', GOOD)).transactions('?limit=3')
    expect(has_more).toBe(true)
    expect(data.map((t) => [t.merchant, t.amount.amount, t.status])).toEqual([
      ['全季酒店 押金', 12_000, 'pending'],
      ['盒马鲜生', 18_643, 'posted'],
      ['中国国航 Air China', 98_000, 'posted'],
    ])
  })

  test('cursor pagination: limit, starting_after, has_more, and nothing twice', async () => {
    const view = await as('good', GOOD)
    const all = (await view.transactions('?limit=100')).data.map((t) => t.id)
    expect(all).toHaveLength(4)
    const first = await view.transactions('?limit=3')
    expect([first.data.map((t) => t.id), first.has_more]).toEqual([all.slice(0, 3), true])
    const second = await view.transactions(`?limit=3&starting_after=${all[2]}`)
    expect([second.data.map((t) => t.id), second.has_more]).toEqual([all.slice(3), false])
    const beyond = await view.transactions(`?starting_after=${all[3]}`)
    expect(beyond).toEqual({ data: [], has_more: false })
    // Another card's transaction id is no cursor here.
    const other = (await (await as('maxed', MAXED)).transactions()).data[0]!.id
    const refused = await h.call('GET', `/v1/cards/${GOOD}/transactions?starting_after=${other}`, {
      token: view.token,
    })
    expect(refused.body).toMatchObject({ status: 422, code: 'validation_failed' })
  })
})

describe('authorisation against available credit', () => {
  test('good pays ¥12.34: available credit down by exactly 1234, pending, then posted', async () => {
    const view = await as('good', GOOD)
    const before = figures(await view.balance())
    const code = await view.code()
    const paid = await scan(code.code, 1_234)
    expect(paid.body).toEqual({
      pay_code_id: code.id,
      status: 'succeeded',
      transaction_id: expect.stringMatching(/^tx_/),
    })
    const id = paid.body.transaction_id!
    expect(await view.payCode(code.id)).toMatchObject({ status: 'succeeded', transaction_id: id })

    const held = figures(await view.balance())
    expect(held).toEqual({
      available: before.available - 1_234,
      current: before.current,
      pending: before.pending + 1_234,
    })
    const [latest] = (await view.transactions('?limit=1')).data
    expect(latest).toEqual({
      id,
      card_id: GOOD,
      type: 'purchase',
      direction: 'debit',
      amount: cnyMoney(1_234),
      merchant: '全家便利店',
      status: 'pending',
      created_at: expect.stringMatching(/^2026-11-22T02:00/),
    })

    // One sandbox day later it posts: from pending to the current balance.
    await advance(DAY)
    const later = await as('good', GOOD)
    expect(figures(await later.balance())).toEqual({
      available: before.available - 1_234,
      current: before.current + 1_234,
      pending: before.pending,
    })
    const posted = (await later.transactions('?limit=1')).data[0] as Transaction
    expect([posted.id, posted.status, posted.posted_at]).toEqual([
      id,
      'posted',
      expect.stringMatching(/^2026-11-23T02:00/),
    ])
  })

  test('maxed: declined insufficient_credit, credit unchanged, the decline listed', async () => {
    const view = await as('maxed', MAXED)
    const before = await view.balance()
    expect(before.available_credit).toEqual(cnyMoney(0))
    const code = await view.code()
    const declined = await scan(code.code, 1_234)
    expect(declined.body).toEqual({
      pay_code_id: code.id,
      status: 'declined',
      transaction_id: expect.stringMatching(/^tx_/),
      decline_reason: 'insufficient_credit',
    })
    expect(await view.payCode(code.id)).toMatchObject({
      status: 'declined',
      decline_reason: 'insufficient_credit',
      transaction_id: declined.body.transaction_id,
    })
    expect(figures(await view.balance())).toEqual(figures(before))
    expect((await view.transactions('?limit=1')).data[0]).toMatchObject({
      id: declined.body.transaction_id,
      amount: cnyMoney(1_234),
      status: 'declined',
      decline_reason: 'insufficient_credit',
    })
  })

  test('an amount one fen over the available credit is declined; exactly the available is not', async () => {
    const view = await as('good', GOOD)
    const { available } = figures(await view.balance())
    const over = await scan((await view.code()).code, available + 1)
    expect(over.body).toMatchObject({ status: 'declined', decline_reason: 'insufficient_credit' })
    const exact = await scan((await view.code()).code, available)
    expect(exact.body).toMatchObject({ status: 'succeeded' })
    expect((await view.balance()).available_credit).toEqual(cnyMoney(0))
  })

  test('20 parallel scans of one code: exactly one authorisation', async () => {
    const view = await as('good', GOOD)
    const before = figures(await view.balance())
    const listed = (await view.transactions('?limit=100')).data.length
    const code = await view.code()
    const answers = await Promise.all(Array.from({ length: 20 }, () => scan(code.code, 1_234)))
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses).toEqual([200, ...Array<number>(19).fill(409)])
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'code_used')).toBe(
      true,
    )
    const after = await view.transactions('?limit=100')
    expect(after.data).toHaveLength(listed + 1)
    expect(figures(await view.balance())).toEqual({
      ...before,
      available: before.available - 1_234,
      pending: before.pending + 1_234,
    })
  })

  test('decline outcome: declined and listed; an expired code: refused, not listed; no credit moved', async () => {
    const view = await as('good', GOOD)
    const before = figures(await view.balance())
    const refused = await scan((await view.code()).code, 8_800, 'decline', 'Apple Store')
    expect(refused.body).toMatchObject({ status: 'declined', decline_reason: 'issuer_declined' })
    const late = await view.code()
    await advance(61)
    expect((await scan(late.code, 990, 'success', 'late till')).body).toMatchObject({
      status: 410,
      code: 'code_expired',
    })
    const again = await as('good', GOOD)
    expect(figures(await again.balance())).toEqual(before)
    const latest = (await again.transactions('?limit=2')).data
    // The late till's scan was its own error, not a decline of the card: not listed.
    expect(latest.map((t) => [t.merchant, t.status, t.decline_reason])).toEqual([
      ['Apple Store', 'declined', 'issuer_declined'],
      ['全季酒店 押金', 'pending', undefined],
    ])
  })

  test('success_then_reversal: the hold is released after 3 s, credit restored exactly', async () => {
    const view = await as('good', GOOD)
    const before = figures(await view.balance())
    const paid = await scan((await view.code()).code, 6_600, 'success_then_reversal')
    expect(paid.body).toMatchObject({ status: 'succeeded' })
    expect(figures(await view.balance()).available).toBe(before.available - 6_600)
    await advance(3)
    expect(figures(await view.balance())).toEqual(before)
    expect((await view.transactions('?limit=1')).data[0]).toMatchObject({
      id: paid.body.transaction_id,
      status: 'reversed',
    })
  })

  test('pending_then_success holds the credit at the scan; no_result records nothing', async () => {
    const view = await as('good', GOOD)
    const before = figures(await view.balance())
    const count = (await view.transactions('?limit=100')).data.length
    const pending = await scan((await view.code()).code, 4_200, 'pending_then_success')
    expect(pending.body).toMatchObject({ status: 'pending', transaction_id: expect.any(String) })
    expect(figures(await view.balance()).available).toBe(before.available - 4_200)
    const lost = await scan((await view.code()).code, 4_200, 'no_result')
    expect(lost.body).toEqual({ pay_code_id: expect.any(String), status: 'pending' })
    expect(figures(await view.balance()).available).toBe(before.available - 4_200)
    expect((await view.transactions('?limit=100')).data).toHaveLength(count + 1)
  })

  test('a repayment raises available credit and is listed as a credit', async () => {
    const view = await as('good', GOOD)
    const before = figures(await view.balance())
    const repaid = await view.repay(50_000, 'tx-repay-key-01')
    expect(repaid.status).toBe(201)
    expect(figures(await view.balance()).available).toBe(before.available + 50_000)
    expect((await view.transactions('?limit=1')).data[0]).toEqual({
      id: (repaid.body as { id: string }).id,
      card_id: GOOD,
      type: 'repayment',
      direction: 'credit',
      amount: cnyMoney(50_000),
      merchant: 'Repayment',
      status: 'posted',
      created_at: (repaid.body as { created_at: string }).created_at,
      posted_at: (repaid.body as { created_at: string }).created_at,
    })
  })
})

describe('statement cycles', () => {
  test('past the statement day: the cycle’s posted transactions plus the carried balance', async () => {
    const view = await as('good', GOOD)
    await scan((await view.code()).code, 1_234)
    await scan((await view.code()).code, 5_000, 'success', '麦当劳')
    // Paid more than the minimum (37,654), less than the statement: 276,543 carries over.
    expect((await view.repay(100_000, 'cycle-repay-01')).status).toBe(201)
    await advance(22 * DAY) // 2026-12-14 10:00, the statement day
    const after = await as('good', GOOD)
    const statement = await after.statement()
    expect(statement).toMatchObject({
      statement_date: '2026-12-14',
      due_date: '2027-01-03',
      statement_balance: cnyMoney(376_543 - 100_000 + 1_234 + 5_000), // 282,777
      minimum_due: cnyMoney(28_278), // 10 % of 282,777, rounded
      paid_to_date: cnyMoney(0),
      status: 'open',
    })
    // The current balance is exactly the statement; the pre-authorisation still holds.
    expect(figures(await after.balance())).toMatchObject({ current: 282_777, pending: 12_000 })
    // Spending after the statement day goes on the next one.
    await scan((await after.code()).code, 700)
    await advance(DAY)
    expect((await (await as('good', GOOD)).statement()).statement_balance).toEqual(
      cnyMoney(282_777),
    )
    await advance(30 * DAY) // 2027-01-14: the next cycle closes
    const next = await (await as('good', GOOD)).statement()
    // The minimum (28,278) was not paid by 2027-01-03: the late fee (50.00) is added.
    expect(next).toMatchObject({
      statement_date: '2027-01-14',
      statement_balance: cnyMoney(282_777 + 700 + 5_000),
      minimum_due: cnyMoney(28_848),
    })
  })

  test('overdue: the unpaid balance carries over with the late fee, listed as a fee', async () => {
    // overdue's statement of 2026-10-23 was due 2026-11-17 and is unpaid.
    await advance(DAY)
    const view = await as('overdue', 'card_overdue_4242')
    expect(await view.statement()).toMatchObject({
      statement_date: '2026-11-23',
      due_date: '2026-12-13',
      statement_balance: cnyMoney(158_000 + 7_500),
      minimum_due: cnyMoney(16_550),
      status: 'open',
    })
    expect((await view.transactions('?limit=1')).data[0]).toMatchObject({
      type: 'fee',
      direction: 'debit',
      amount: cnyMoney(7_500),
      merchant: 'Late fee',
      status: 'posted',
      posted_at: '2026-11-22T16:00:00.000Z',
    })
    expect((await view.balance()).current_balance).toEqual(cnyMoney(165_500))
  })

  test('overdue: paying the minimum after the due date still owes the late fee', async () => {
    // overdue's statement was due 2026-11-17; today is 2026-11-22, five days late.
    const view = await as('overdue', 'card_overdue_4242')
    const { minimum_due: minimum, status } = await view.statement()
    expect(status).toBe('overdue')
    expect((await view.repay(minimum.amount, 'late-minimum-01')).status).toBe(201)
    await advance(DAY) // the next statement, 2026-11-23
    const later = await as('overdue', 'card_overdue_4242')
    expect(await later.statement()).toMatchObject({
      statement_date: '2026-11-23',
      statement_balance: cnyMoney(158_000 - minimum.amount + 7_500),
    })
    expect((await later.transactions('?limit=1')).data[0]).toMatchObject({
      type: 'fee',
      amount: cnyMoney(7_500),
      merchant: 'Late fee',
    })
  })

  test('a minimum paid on the due date itself owes no fee', async () => {
    await advance(22 * DAY) // the statement day 2026-12-14, due 2027-01-03
    const cut = await (await as('good', GOOD)).statement()
    await advance(20 * DAY) // 2027-01-03 10:00 in the issuer's zone: the due date
    expect((await (await as('good', GOOD)).repay(cut.minimum_due.amount, 'on-due-01')).status).toBe(
      201,
    )
    await advance(11 * DAY) // 2027-01-14: the next cycle closes
    const next = await (await as('good', GOOD)).statement()
    expect(next).toMatchObject({
      statement_date: '2027-01-14',
      statement_balance: cnyMoney(cut.statement_balance.amount - cut.minimum_due.amount),
    })
  })

  test('a first statement: the floor never makes the minimum more than the balance', async () => {
    const view = await as('no-statement', 'card_new_6201')
    await scan((await view.code()).code, 2_000)
    await advance(9 * DAY) // its first statement day, 2026-12-01
    expect(await (await as('no-statement', 'card_new_6201')).statement()).toMatchObject({
      statement_date: '2026-12-01',
      statement_balance: cnyMoney(2_000),
      minimum_due: cnyMoney(2_000),
    })
  })
})

describe('the minimum due rule', () => {
  test.each([
    [0, 0],
    [2_000, 2_000],
    [5_000, 5_000],
    [40_000, 5_000],
    [56_789, 5_679],
    [100_005, 10_001],
    [376_543, 37_654],
  ])('a balance of %i fen: minimum %i', (balance, minimum) => {
    expect(minimumDueOf(balance)).toBe(minimum)
  })

  test('every seeded statement follows it', () => {
    for (const card of Object.values(PERSONAS).flat()) {
      if (card.statement) {
        expect([card.id, minimumDueOf(card.statement.statementBalance)]).toEqual([
          card.id,
          card.statement.minimumDue,
        ])
      }
    }
  })
})
