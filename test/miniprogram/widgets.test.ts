import type { Balance, Statement } from '@contract'

import { resetSandbox } from '../support/sandbox-controls'
import {
  closeRuns,
  cnyText,
  launch,
  setupIssuer,
  startIssuer,
  status,
  TARGETS,
  textOf,
} from './support'

/**
 * The production WeChat and Alipay builds in the mini-program runtime harness, against
 * a sandbox issuer over HTTP: the same user-visible facts the H5 browser tests check.
 */
const issuer = setupIssuer()

describe.each(TARGETS)('%s', (target) => {
  describe('home', () => {
    test('the three cards by id, each with its state', async () => {
      const run = await launch(issuer.current, 'home', { target })
      await status(run, 'balance-card', 'ready')
      await status(run, 'paycode-card', 'online')
      await status(run, 'bill-card', 'ready')
      await expect(run.query('#bill-status')?.attribute('data-status')).toBe('open')
      await expect(run.query('#paycode-result')?.attribute('data-status')).toBe('none')
      // The platform's own login code, sent as that platform's provider.
      const signIns = run.calls
        .filter((c) => c.name === 'request' && String(c.options.url).endsWith('/v1/auth/sessions'))
        .map((c) => JSON.parse(String(c.options.data)) as { provider: string; code: string })
      expect(signIns).toEqual([
        { provider: { weapp: 'wechat', alipay: 'alipay', jd: 'jd' }[target], code: 'sandbox:good' },
      ])
    })
  })

  describe.each(['good', 'maxed'])('balance, persona %s', (persona) => {
    test('exact amounts as the issuer.current holds them', async () => {
      const api = issuer.current.api(persona)
      const cardId = await api.firstCardId()
      const balance = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
      const run = await launch(issuer.current, 'balance', { target, persona })
      await status(run, 'balance-card', 'ready')
      expect(run.query('#balance-available')?.text()).toBe(cnyText(balance.available_credit.amount))
      expect(run.query('#balance-limit')?.text()).toBe(cnyText(balance.credit_limit.amount))
      expect(run.query('#balance-current')?.text()).toBe(cnyText(balance.current_balance.amount))
      if (persona === 'maxed') expect(run.query('#balance-available')?.text()).toBe('¥0.00')
    })
  })

  test('balance: a tap on the eye hides the amounts, a second tap shows them', async () => {
    const run = await launch(issuer.current, 'balance', { target })
    await status(run, 'balance-card', 'ready')
    expect(run.query('#balance-available')?.text()).toBe('¥46,114.57')
    await run.query('#balance-mask-toggle')!.tap()
    await textOf(run, '#balance-available', '¥****')
    await run.query('#balance-mask-toggle')!.tap()
    await textOf(run, '#balance-available', '¥46,114.57')
  })

  describe('pull-down refresh', () => {
    afterEach(async () => {
      await resetSandbox(issuer.current.sandbox.base)
    })

    test.each([
      ['balance', 'balance-card', '#balance-available'],
      ['bill', 'bill-card', '#bill-remaining'],
    ])(
      '%s page: the pull fetches the figures again and closes the spinner',
      async (page, card, figure) => {
        const api = issuer.current.api('good')
        const cardId = await api.firstCardId()
        const run = await launch(issuer.current, page, { target })
        await status(run, card, 'ready')
        const before = run.query(figure)?.text()

        await api.post(
          `/v1/cards/${cardId}/repayments`,
          { amount: { amount: 10_000, currency: 'CNY' } },
          { 'Idempotency-Key': `pull-${target}-${page}` },
        )
        const balance = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
        const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
        const expected = cnyText(
          page === 'balance'
            ? balance.available_credit.amount
            : statement.statement_balance.amount - statement.paid_to_date.amount,
        )
        expect(expected).not.toBe(before)

        expect(run.pullDownRefresh()).toBe(true)
        await textOf(run, figure, expected)
        await run.waitFor('stopPullDownRefresh', () =>
          run.calls.some((call) => call.name === 'stopPullDownRefresh'),
        )
      },
    )

    test('home does not enable it: the platform never calls the page', async () => {
      const run = await launch(issuer.current, 'home', { target })
      await status(run, 'balance-card', 'ready')
      expect(run.pullDownRefresh()).toBe(false)
    })
  })

  test('balance on the round watch: masked by default, the eye reveals', async () => {
    const run = await launch(issuer.current, 'balance', { target, frame: 'watch-round-l' })
    await status(run, 'balance-card', 'ready')
    expect(run.query('#balance-available')?.text()).toBe('¥****')
    await run.query('#balance-mask-toggle')!.tap()
    await textOf(run, '#balance-available', '¥46,114.57')
  })

  test('multi-card: the switcher changes the amounts, and the choice survives a relaunch', async () => {
    const api = issuer.current.api('multi-card')
    const cards = await api.get<{ data: { id: string; last4: string }[] }>('/v1/cards')
    expect(cards.data.length).toBeGreaterThan(1)
    const [first, second] = cards.data as [
      { id: string; last4: string },
      { id: string; last4: string },
    ]
    const firstBalance = await api.get<Balance>(`/v1/cards/${first.id}/balance`)
    const secondBalance = await api.get<Balance>(`/v1/cards/${second.id}/balance`)
    expect(firstBalance.available_credit.amount).not.toBe(secondBalance.available_credit.amount)

    const run = await launch(issuer.current, 'balance', { target, persona: 'multi-card' })
    await status(run, 'balance-card', 'ready')
    expect(run.query('#balance-available')?.text()).toBe(
      cnyText(firstBalance.available_credit.amount),
    )
    expect(run.query('#balance-card-switcher')?.text()).toContain(first.last4)
    await run.query('#balance-card-switcher')!.tap()
    await textOf(run, '#balance-available', cnyText(secondBalance.available_credit.amount))
    expect(run.query('#balance-card-switcher')?.text()).toContain(second.last4)
    const storage = run.storage
    closeRuns()

    // A cold start with the storage WeChat kept: the second card is still the one shown.
    const again = await launch(issuer.current, 'balance', {
      target,
      persona: 'multi-card',
      storage,
    })
    await status(again, 'balance-card', 'ready')
    expect(again.query('#balance-available')?.text()).toBe(
      cnyText(secondBalance.available_credit.amount),
    )
    expect(again.query('#balance-card-switcher')?.text()).toContain(second.last4)
  })

  describe.each([
    ['good', 'ready', 'open'],
    ['overdue', 'ready', 'overdue'],
    ['no-statement', 'no_statement', null],
  ] as const)('bill, persona %s', (persona, cardState, billStatus) => {
    test(`card ${cardState}, statement ${billStatus ?? 'none'}`, async () => {
      const run = await launch(issuer.current, 'bill', { target, persona })
      await status(run, 'bill-card', cardState)
      if (billStatus === null) {
        expect(run.query('#bill-status')).toBeNull()
        expect(run.query('#bill-statement-amount')).toBeNull()
        return
      }
      const api = issuer.current.api(persona)
      const cardId = await api.firstCardId()
      const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
      expect(run.query('#bill-status')?.attribute('data-status')).toBe(billStatus)
      expect(run.query('#bill-statement-amount')?.text()).toBe(
        cnyText(statement.statement_balance.amount),
      )
      expect(run.query('#bill-minimum-due')?.text()).toBe(cnyText(statement.minimum_due.amount))
      if (persona === 'overdue') {
        expect(run.query('#bill-days-left')?.text()).toMatch(/逾期/)
      }
    })
  })

  test('bill: a double tap on confirm records exactly one repayment; the bill becomes paid', async () => {
    const own = await startIssuer()
    try {
      const api = own.api('good')
      const cardId = await api.firstCardId()
      const before = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
      const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
      const due = statement.statement_balance.amount - statement.paid_to_date.amount

      const run = await launch(own, 'bill', { target })
      await status(run, 'bill-card', 'ready')
      await run.query('#bill-repay-full')!.tap()
      const confirm = await run.element('#bill-repay-confirm')
      await Promise.all([confirm.tap(), confirm.tap()])
      await status(run, 'bill-repay-result', 'succeeded')
      expect(run.query('#bill-repay-result')?.text()).toBe(`已还款 ${cnyText(due)}`)
      await status(run, 'bill-status', 'paid')

      const repayments = await api.get<{ data: unknown[] }>(`/v1/cards/${cardId}/repayments`)
      expect(repayments.data).toHaveLength(1)
      const after = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
      expect(after.available_credit.amount).toBe(before.available_credit.amount + due)
    } finally {
      closeRuns()
      await own.close()
    }
  })

  test('a 503 shows the error banner; its retry recovers', async () => {
    await issuer.current.faults([{ route: '/v1/cards/*/balance', status: 503, retry_after_s: 0 }])
    try {
      const run = await launch(issuer.current, 'balance', { target })
      await status(run, 'balance-card', 'error', 20_000)
      expect(run.query('#error-banner')?.attribute('data-status')).toBe('unavailable')
      expect(run.query('#error-banner')?.text()).toContain('服务暂时不可用')
      await issuer.current.clearFaults()
      await run.query('#error-banner .cl-error-banner__action')!.tap()
      await status(run, 'balance-card', 'ready')
      expect(run.query('#balance-available')?.text()).toBe('¥46,114.57')
      expect(run.query('#error-banner')).toBeNull()
    } finally {
      await issuer.current.clearFaults()
    }
  })

  test('offline: the last-known balance stays on screen with the stale badge', async () => {
    const run = await launch(issuer.current, 'balance', { target })
    await status(run, 'balance-card', 'ready')
    run.setOffline(true)
    await run.query('#balance-refresh')!.tap()
    await status(run, 'balance-card', 'stale', 20_000)
    expect(run.query('#stale-badge')).not.toBeNull()
    expect(run.query('#balance-available')?.text()).toBe('¥46,114.57')
    expect(run.query('#error-banner')?.attribute('data-status')).toBe('network')
    run.setOffline(false)
    await run.query('#error-banner .cl-error-banner__action')!.tap()
    await status(run, 'balance-card', 'ready')
    expect(run.query('#stale-badge')).toBeNull()
  })
})
