import type { Reminder, Statement } from '@contract'

import {
  advanceClock,
  resetSandbox,
  sandboxNow,
  scan as scanAt,
  type ScanOutcome,
} from '../support/sandbox-controls'
import {
  closeRuns,
  cnyText,
  type Issuer,
  launch,
  qrFromCanvas,
  startIssuer,
  status,
  TARGETS,
  textOf,
} from './support'

/**
 * The production mini-program builds against the sandbox over HTTP: the
 * outcomes a till can give (reversal, over-limit decline, no result), the result over
 * the code on the small faces and its way back, service widgets that name their card and
 * open their page, a sign-out, repayments, a reminder fired by the sandbox clock, a 429,
 * an expired token, the host's theme, and recovery after each malformed answer.
 */
let issuer: Issuer

beforeAll(async () => {
  issuer = await startIssuer()
})

afterEach(async () => {
  closeRuns()
  await issuer.clearFaults()
  await resetSandbox(issuer.sandbox.base)
})

afterAll(async () => {
  await issuer?.close()
})

/** The sandbox's till (test/browser/till.ts): what it answered. */
const scan = async (code: string, outcome: ScanOutcome, amount: number, merchant: string) =>
  (await scanAt(issuer.sandbox.base, code, outcome, amount, merchant)).body

describe.each(TARGETS)('%s', (target) => {
  test('a merchant’s reversal turns the result into "reversed"', async () => {
    const run = await launch(issuer, 'pay-code', { target, query: { lang: 'en-US' } })
    await status(run, 'paycode-card', 'online')
    const code = await qrFromCanvas(run)
    await expect(scan(code, 'success_then_reversal', 2_500, 'Didi')).resolves.toMatchObject({
      status: 'succeeded',
    })
    await status(run, 'paycode-result', 'succeeded')
    await status(run, 'paycode-result', 'reversed', 20_000)
    await textOf(run, '#paycode-result .cl-paycode__result-label', 'Payment reversed')
    await textOf(run, '#paycode-result-hint', 'Cancelled by the merchant; credit restored')
  })

  test.each(['watch-round-s', 'band'] as const)(
    '%s, en-US, dark: an over-limit decline with its reason, then the code again',
    async (frame) => {
      const run = await launch(issuer, 'pay-code', {
        target,
        persona: 'maxed',
        frame,
        query: { lang: 'en-US', theme: 'dark' },
      })
      await status(run, 'paycode-card', 'online')
      await textOf(run, '#paycode-no-credit', 'No available credit')
      const code = await qrFromCanvas(run)
      await expect(scan(code, 'success', 1_234, 'Luckin')).resolves.toMatchObject({
        status: 'declined',
        decline_reason: 'insufficient_credit',
      })
      await status(run, 'paycode-result', 'declined')
      await textOf(run, '#paycode-result-reason', 'Not enough available credit')
      expect(run.query('.cl-paycode__stage--covered')).not.toBeNull()
      await run.query('#paycode-result-dismiss')!.tap()
      await status(run, 'paycode-result', 'none')
      expect(run.query('.cl-paycode__stage--covered')).toBeNull()
      await status(run, 'paycode-card', 'online')
    },
  )

  test.each(['widget-2x2', 'widget-2x4'] as const)(
    '%s: the card is named, and a tap on the card opens its page',
    async (frame) => {
      const run = await launch(issuer, 'balance', {
        target,
        frame,
        query: { lang: 'en-US', persona: 'good' },
      })
      await status(run, 'balance-card', 'ready')
      await textOf(
        run,
        '#balance-card-switcher .cl-card-switcher__label',
        frame === 'widget-2x2' ? '·· 8888' : 'UnionPay ·· 8888',
      )
      // The eye keeps its own meaning.
      await run.query('#balance-mask-toggle')!.tap()
      expect(run.pageStack).toHaveLength(1)
      await run.query('#balance-card .cl-widget-card__title')!.tap()
      await run.waitFor('the balance page opened', () => run.pageStack.length === 2)
      expect(run.pageStack[1]).toEqual({
        route: 'pages/balance/index',
        query: { lang: 'en-US', persona: 'good' },
      })
    },
  )

  test('a sign-out: every widget on home offers sign-in, nothing of the account stays', async () => {
    const run = await launch(issuer, 'home', { target, query: { lang: 'en-US' } })
    await status(run, 'balance-card', 'ready')
    await status(run, 'paycode-card', 'online')
    await run.query('#account-sign-out')!.tap()
    for (const card of ['balance-card', 'bill-card', 'paycode-card']) {
      await status(run, card, 'signed_out')
    }
    expect(run.query('#balance-available')).toBeNull()
    expect(run.query('#paycode-qr')).toBeNull()
    expect(run.queryAll('#error-banner').map((b) => b.attribute('data-status'))).toEqual([
      'signed_out',
      'signed_out',
      'signed_out',
    ])
  })

  test('minimum and custom repayments, each confirmed, each shown with its amount', async () => {
    const api = issuer.api('good')
    const cardId = await api.firstCardId()
    const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
    const run = await launch(issuer, 'bill', { target })
    await status(run, 'bill-card', 'ready')
    await run.query('#bill-repay-minimum')!.tap()
    // The statement's re-read after the payment is held for 4 s: the next repayment must
    // not wait for it (a busy machine once made it slow enough to swallow the next tap).
    await issuer.faults([
      { route: '/v1/cards/*/statements/current', method: 'GET', latency_ms: 4_000, times: 1 },
    ])
    await (await run.element('#bill-repay-confirm')).tap()
    await status(run, 'bill-repay-result', 'succeeded')
    expect(run.query('#bill-repay-result')?.text()).toBe(
      `已还款 ${cnyText(statement.minimum_due.amount)}`,
    )
    // The payment counts at once, before the issuer's figures come back (held above):
    // the next repayment is offered what is still due, not what was just paid.
    expect(statement.paid_to_date.amount).toBe(0)
    expect(run.query('#bill-remaining')?.text()).toBe(
      cnyText(statement.statement_balance.amount - statement.minimum_due.amount),
    )

    await (await run.element('#bill-repay-custom-input')).input('100.5')
    // The typed amount is rendered back before the tap (a cardholder's tap comes later).
    await run.waitFor('the typed amount', () =>
      run.query('#bill-repay-custom-input')?.attribute('value') === '100.5' ? true : undefined,
    )
    await run.query('#bill-repay-custom')!.tap()
    await textOf(run, '#bill-repay-confirm', `确认还款 ${cnyText(10_050)}`)
    await run.query('#bill-repay-confirm')!.tap()
    await textOf(run, '#bill-repay-result', `已还款 ${cnyText(10_050)}`)
    const repayments = await api.get<{ data: { amount: { amount: number } }[] }>(
      `/v1/cards/${cardId}/repayments`,
    )
    expect(repayments.data.map((r) => r.amount.amount).sort((a, b) => a - b)).toEqual([
      10_050,
      statement.minimum_due.amount,
    ])
  })

  test('an in-app reminder set in the app fires at a sandbox clock advance and is shown', async () => {
    const api = issuer.api('good')
    const cardId = await api.firstCardId()
    const run = await launch(issuer, 'bill', { target, query: { lang: 'en-US' } })
    await status(run, 'bill-card', 'ready')
    await run.query('#bill-remind')!.tap()
    await status(run, 'bill-remind', 'subscribed')
    const [reminder] = (await api.get<{ data: Reminder[] }>(`/v1/cards/${cardId}/reminders`)).data
    const now = await sandboxNow(api.base)
    const seconds = Math.ceil((Date.parse(reminder!.fires_at!) - now) / 1000) + 60
    await advanceClock(api.base, seconds)
    expect(run.pullDownRefresh()).toBe(true)
    await status(run, 'bill-reminder-notice', 'fired')
    expect(run.query('#bill-reminder-notice')?.text()).toMatch(/^Reminder: CN¥[\d,.]+ due /)
  })

  test('a 429 with Retry-After: the widget waits as told and shows the figures', async () => {
    await issuer.faults([{ route: '/v1/cards/*/balance', status: 429, retry_after_s: 1, times: 1 }])
    const run = await launch(issuer, 'balance', { target, query: { lang: 'en-US', masked: '0' } })
    await status(run, 'balance-card', 'ready')
    await textOf(run, '#balance-available', 'CN¥46,114.57')
  })

  test('an expired access token is renewed unseen: the refresh still shows the figures', async () => {
    const run = await launch(issuer, 'balance', { target, query: { lang: 'en-US', masked: '0' } })
    await status(run, 'balance-card', 'ready')
    // Past the access token's 15 minutes (the refresh token lasts 30 days).
    await advanceClock(issuer.sandbox.base, 3_600)
    const before = run.calls.length
    await run.query('#balance-refresh')!.tap()
    const urls = () =>
      run.calls.slice(before).flatMap((c) => (c.name === 'request' ? [String(c.options.url)] : []))
    await run.waitFor('the session renewed', () =>
      urls().some((u) => u.endsWith('/v1/auth/refresh')),
    )
    await status(run, 'balance-card', 'ready')
    await textOf(run, '#balance-available', 'CN¥46,114.57')
    expect(run.query('#error-banner')).toBeNull()
  })

  test.each(['light', 'dark'] as const)(
    'a phone follows the host app’s %s theme; a watch stays dark',
    async (theme) => {
      const phone = await launch(issuer, 'balance', { target, theme })
      await status(phone, 'balance-card', 'ready')
      expect(phone.query(`.cl-theme-${theme}`)).not.toBeNull()
      const watch = await launch(issuer, 'balance', { target, theme, frame: 'watch-round-s' })
      await status(watch, 'balance-card', 'ready')
      expect(watch.query('.cl-theme-dark')).not.toBeNull()
      expect(watch.query('.cl-theme-light')).toBeNull()
    },
  )

  test.each([
    ['a malformed body', { body: 'malformed' }],
    ['a truncated body', { body: 'truncated' }],
    ['a missing field', { body: 'missing_field' }],
    ['the wrong content type', { content_type: 'text/html' }],
  ] as const)(
    'a first answer with %s: once the issuer is fine, Retry recovers',
    async (_name, fault) => {
      await issuer.faults([{ route: '/v1/cards/*/balance', ...fault }])
      const run = await launch(issuer, 'balance', { target, query: { lang: 'en-US', masked: '0' } })
      await status(run, 'balance-card', 'error')
      await status(run, 'error-banner', 'malformed')
      await issuer.clearFaults()
      await run.query('#error-banner .cl-error-banner__action')!.tap()
      await status(run, 'balance-card', 'ready')
      await textOf(run, '#balance-available', 'CN¥46,114.57')
    },
  )
})

test('weapp: a payment the till never answers ends as "No result" after the till’s window', async () => {
  const run = await launch(issuer, 'pay-code', { target: 'weapp', query: { lang: 'en-US' } })
  await status(run, 'paycode-card', 'online')
  const code = await qrFromCanvas(run)
  await expect(scan(code, 'no_result', 3_300, 'Metro')).resolves.toMatchObject({
    status: 'pending',
  })
  await status(run, 'paycode-result', 'pending')
  // NO_RESULT_AFTER_MS (60 s) of real time: the harness runs the app's own timers.
  await status(run, 'paycode-result', 'unknown', 75_000)
  await textOf(run, '#paycode-result .cl-paycode__result-label', 'No result')
  await textOf(run, '#paycode-result-hint', 'Check your transactions first')
  await run.query('#paycode-result-dismiss')!.tap()
  await status(run, 'paycode-result', 'none')
}, 100_000)
