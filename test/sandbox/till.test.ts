import type { Balance, OfflineSeed, PayCodeStatus, ScanResult, Transaction } from '@contract'

import { offlinePayCode } from '@/lib/totp'

import { cnyMoney } from '../support/money'
import { type Harness, startSandbox } from './harness'

/**
 * The till's scan answers as an issuer would: a currency the card does not take is a
 * decline of the card that books nothing; a code the till should not have scanned is
 * the till's error (a problem) and leaves nothing on the cardholder's list.
 */
const START = '2026-11-22T02:00:00Z'
const CARD = 'card_good_8888'

let h: Harness
let token: string

beforeEach(async () => {
  // Parallel scans below must meet the scan's own rules, not the rate limit.
  h = await startSandbox({ clockStart: START, rateLimit: { max: 1000, timeWindowMs: 60_000 } })
  token = (await h.signIn('good')).access
})
afterEach(() => h.close())

type ScanAnswer = { status: number; body: ScanResult & { code?: string } }

const scan = (code: string, amount: { amount: number; currency: string }, outcome = 'success') =>
  h.call('POST', '/v1/sandbox/scan', {
    body: { code, amount, merchant: 'Lawson 罗森', outcome },
  }) as Promise<ScanAnswer>
const advance = (seconds: number) =>
  h.call('POST', '/v1/sandbox/clock/advance', { body: { seconds } })
const onlineCode = async () =>
  (await h.call('POST', `/v1/cards/${CARD}/pay-codes`, { token, body: { mode: 'online' } }))
    .body as { id: string; code: string }
/** A fresh session's reads (tokens expire as the clock jumps). */
const get = async <T>(path: string): Promise<T> => {
  const fresh = (await h.signIn('good')).access
  const answer = await h.call('GET', path, { token: fresh })
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`)
  return answer.body as T
}
const figures = async () => {
  const b = await get<Balance>(`/v1/cards/${CARD}/balance`)
  return [b.available_credit, b.current_balance, b.pending_amount]
}
const listed = async () =>
  (await get<{ data: Transaction[] }>(`/v1/cards/${CARD}/transactions?limit=100`)).data.map(
    (t) => t.id,
  )
const payCode = (id: string) => get<PayCodeStatus>(`/v1/pay-codes/${id}`)
const refusal = (answer: ScanAnswer) => [answer.status, answer.body.code]

describe("the till's currency", () => {
  test.each(['JPY', 'USD', 'CNH', 'XXX'])(
    'a %s scan of 5000 is declined currency_not_supported: no credit moves, nothing is listed',
    async (currency) => {
      const before = await figures()
      const rows = await listed()
      const code = await onlineCode()
      const answer = await scan(code.code, { amount: 5_000, currency })
      expect([answer.status, answer.body]).toEqual([
        200,
        { pay_code_id: code.id, status: 'declined', decline_reason: 'currency_not_supported' },
      ])
      // The cardholder's widget sees the decline, with what the till asked in its currency.
      expect(await payCode(code.id)).toEqual({
        id: code.id,
        status: 'declined',
        amount: { amount: 5_000, currency },
        merchant: 'Lawson 罗森',
        decline_reason: 'currency_not_supported',
        updated_at: expect.stringMatching(/^2026-11-22T02:00:0\d\./),
      })
      expect(await figures()).toEqual(before)
      expect(await listed()).toEqual(rows)
      // The code is spent, like any declined one: the right currency now is a reuse.
      expect(refusal(await scan(code.code, cnyMoney(5_000)))).toEqual([409, 'code_used'])
    },
  )

  test('whatever the outcome asked, and with an offline code too', async () => {
    const before = await figures()
    const rows = await listed()
    const seed = (
      await h.call('POST', `/v1/cards/${CARD}/pay-codes`, {
        token,
        body: { mode: 'offline', device_id: 'watch-till-0001' },
      })
    ).body as OfflineSeed
    const clock = (await h.call('GET', '/v1/sandbox/clock')).body as { now: string }
    const offline = await scan(offlinePayCode(seed, Date.parse(clock.now)), {
      amount: 2_000,
      currency: 'USD',
    })
    expect(offline.body).toEqual({
      pay_code_id: seed.id,
      status: 'declined',
      decline_reason: 'currency_not_supported',
    })
    expect(await payCode(seed.id)).toMatchObject({ amount: { amount: 2_000, currency: 'USD' } })
    for (const outcome of [
      'decline',
      'pending_then_success',
      'success_then_reversal',
      'no_result',
    ]) {
      const code = await onlineCode()
      const answer = await scan(code.code, { amount: 700, currency: 'JPY' }, outcome)
      expect([outcome, answer.body]).toEqual([
        outcome,
        { pay_code_id: code.id, status: 'declined', decline_reason: 'currency_not_supported' },
      ])
    }
    expect(await figures()).toEqual(before)
    expect(await listed()).toEqual(rows)
  })

  test("the card's own currency still pays", async () => {
    const code = await onlineCode()
    expect((await scan(code.code, cnyMoney(5_000))).body).toEqual({
      pay_code_id: code.id,
      status: 'succeeded',
      transaction_id: expect.stringMatching(/^tx_/),
    })
    expect(await payCode(code.id)).toMatchObject({ status: 'succeeded', amount: cnyMoney(5_000) })
  })
})

describe('a reversed payment', () => {
  test('the code reads reversed, on a GET and to a long-poll waiting since succeeded', async () => {
    const code = await onlineCode()
    const paid = await scan(code.code, cnyMoney(6_600), 'success_then_reversal')
    expect(paid.body).toMatchObject({ status: 'succeeded' })
    const waiting = h.call('GET', `/v1/pay-codes/${code.id}?wait_s=20&since=succeeded`, { token })
    await advance(3)
    const reversed = {
      id: code.id,
      status: 'reversed',
      amount: cnyMoney(6_600),
      merchant: 'Lawson 罗森',
      transaction_id: paid.body.transaction_id,
      updated_at: expect.stringMatching(/^2026-11-22T02:00:0[3-9]\./),
    }
    expect((await waiting).body).toEqual(reversed)
    expect(await payCode(code.id)).toEqual(reversed)
    const [latest] = (await get<{ data: Transaction[] }>(`/v1/cards/${CARD}/transactions?limit=1`))
      .data
    expect([latest?.id, latest?.status]).toEqual([paid.body.transaction_id, 'reversed'])
  })
})

describe('codes the till should not have scanned', () => {
  test('20 parallel scans of one expired code: 20 × 410 code_expired, no row listed', async () => {
    const code = await onlineCode()
    await advance(61)
    const rows = await listed()
    const before = await figures()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => scan(code.code, cnyMoney(990))),
    )
    expect(answers.map(refusal)).toEqual(Array(20).fill([410, 'code_expired']))
    expect(await listed()).toEqual(rows)
    expect(await figures()).toEqual(before)
    expect((await payCode(code.id)).status).toBe('expired')
  })

  test('used 409 code_used; replaced or revoked 410 code_revoked; expired 410 code_expired', async () => {
    const used = await onlineCode()
    expect((await scan(used.code, cnyMoney(1_000))).status).toBe(200)
    const replaced = await onlineCode()
    const revoked = await onlineCode() // replaces `replaced`
    expect((await h.call('DELETE', `/v1/pay-codes/${revoked.id}`, { token })).status).toBe(204)
    const expired = await onlineCode()
    await advance(61)
    const rows = await listed()
    const before = await figures()

    expect(refusal(await scan(used.code, cnyMoney(1_000)))).toEqual([409, 'code_used'])
    expect(refusal(await scan(replaced.code, cnyMoney(1_000)))).toEqual([410, 'code_revoked'])
    expect(refusal(await scan(revoked.code, cnyMoney(1_000)))).toEqual([410, 'code_revoked'])
    expect(refusal(await scan(expired.code, cnyMoney(1_000)))).toEqual([410, 'code_expired'])
    expect(refusal(await scan('6200000000000000000', cnyMoney(1_000)))).toEqual([404, 'not_found'])
    expect(await listed()).toEqual(rows)
    expect(await figures()).toEqual(before)
    // Each code's status is what it was: the refused scans changed none.
    const statuses = []
    for (const c of [used, replaced, revoked, expired]) statuses.push((await payCode(c.id)).status)
    expect(statuses).toEqual(['succeeded', 'revoked', 'revoked', 'expired'])
  })
})
