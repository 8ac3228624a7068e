import type { Balance, Statement } from '@contract'

import type { MiniRun } from '../../tools/miniprogram'
import { cnyText, launch, setupIssuer, status, TARGETS, textOf } from './support'

/**
 * The cardholder's own sign-out on the production builds: a different platform login
 * afterwards shows the other account's amounts without a relaunch (the path an
 * automator persona switch takes), and the attributes QA reads are bound on each target.
 */
const issuer = setupIssuer()

/** The code the platform login answers next (the user signs in as someone else). */
function nextLogin(run: MiniRun, code: string): void {
  if (!('loginCode' in run)) throw new Error('this run has no platform login to change')
  ;(run as { loginCode: string }).loginCode = code
}

describe.each(TARGETS)('%s', (target) => {
  test('sign out on home, sign in as another persona: the other amounts, no relaunch', async () => {
    const run = await launch(issuer.current, 'home', { target, persona: 'good' })
    await status(run, 'balance-card', 'ready')
    await status(run, 'account', 'signed_in')
    const api = issuer.current.api('good')
    const good = await api.get<Balance>(`/v1/cards/${await api.firstCardId()}/balance`)
    expect(run.query('#balance-available')?.text()).toBe(cnyText(good.available_credit.amount))

    nextLogin(run, 'sandbox:maxed')
    await run.query('#account-sign-out')!.tap()
    await status(run, 'account', 'signed_out')
    // The session was revoked at the issuer.current and the amounts are gone from the screen.
    expect(run.query('#balance-available')).toBeNull()
    await (await run.element('#account-sign-in')).tap()

    await status(run, 'account', 'signed_in')
    await status(run, 'balance-card', 'ready')
    await textOf(run, '#balance-available', '¥0.00')
    expect(run.pageStack.map((p) => p.route)).toEqual(['pages/home/index'])
  })

  test('the attributes QA reads are bound: data-masked, data-urgency, data-date, aria-label', async () => {
    const run = await launch(issuer.current, 'bill', { target, persona: 'overdue' })
    await status(run, 'bill-card', 'ready')
    const api = issuer.current.api('overdue')
    const statement = await api.get<Statement>(
      `/v1/cards/${await api.firstCardId()}/statements/current`,
    )
    expect(run.query('#bill-days-left')?.attribute('data-urgency')).toBe('overdue')
    expect(run.query('#bill-due-date')?.attribute('data-date')).toBe(statement.due_date)
    expect(run.query('#bill-repay-full')?.attribute('aria-label')).toContain(
      cnyText(statement.statement_balance.amount - statement.paid_to_date.amount),
    )

    const balance = await launch(issuer.current, 'balance', { target })
    await status(balance, 'balance-card', 'ready')
    expect(balance.query('#balance-available')?.attribute('data-masked')).toBe('false')
    await balance.query('#balance-mask-toggle')!.tap()
    await balance.waitFor(
      'data-masked="true"',
      () => balance.query('#balance-available')?.attribute('data-masked') === 'true',
    )
  })
})
