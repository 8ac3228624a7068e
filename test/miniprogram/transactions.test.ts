import type { Balance } from '@contract'

import type { MiniRun } from '../../tools/miniprogram'
import { SandboxApi } from '../support/sandbox-api'
import { advanceClock, scan } from '../support/sandbox-controls'
import { cnyText, launch, qrFromCanvas, setupIssuer, status, TARGETS, textOf } from './support'

/**
 * Payments in the production mini-program builds: a payment at the till lowers the
 * available credit on the balance page kept open under the pay code page, without a
 * refresh, and lists the payment pending, then posted.
 */
// Every target pays from the same seeded figures: the payment and the clock advance of
// one target's test are undone before the next.
const issuer = setupIssuer({ resetAfterEach: true })

/** The row of the latest transactions whose text holds `merchant`. */
function row(run: MiniRun, merchant: string) {
  return run.queryAll('#transaction-item').find((item) => item.text().includes(merchant))
}

describe.each(TARGETS)('%s', (target) => {
  test('pay ¥12.34 from the pay code page: the balance page under it drops by exactly ¥12.34', async () => {
    const api = new SandboxApi(issuer.current.sandbox.base, 'good')
    const before = await api.get<Balance>(`/v1/cards/${await api.firstCardId()}/balance`)
    const run = await launch(issuer.current, 'balance', { target })
    await status(run, 'balance-card', 'ready')
    expect(run.query('#balance-available')?.text()).toBe(cnyText(before.available_credit.amount))
    await run.waitFor(
      'three latest transactions',
      () => run.queryAll('#transaction-item').length === 3,
    )

    await run.navigate('navigateTo', '/pages/pay-code/index?frame=phone')
    await status(run, 'paycode-card', 'online')
    const code = await qrFromCanvas(run)
    expect(await scan(api.base, code, 'success', 1_234, '全家便利店')).toMatchObject({
      status: 200,
      body: { status: 'succeeded' },
    })
    await status(run, 'paycode-result', 'succeeded', 30_000)
    await run.navigateBack()
    expect(run.pageStack.map((p) => p.route)).toEqual(['pages/balance/index'])

    // No refresh: the payment's report refetched what the balance page shows.
    const lower = cnyText(before.available_credit.amount - 1_234)
    expect(lower).toBe('¥46,102.23')
    await textOf(run, '#balance-available', lower)
    const paid = await run.waitFor('the payment listed', () => row(run, '全家便利店'))
    expect(paid.attribute('data-status')).toBe('pending')
    // The row's text nodes, as the harness reads them: merchant, the pending mark, amount.
    expect(paid.text()).toBe('全家便利店待入账¥12.34')

    // A sandbox day later it has posted: the refresh button shows it so.
    await advanceClock(api.base, 86_400)
    await run.query('#balance-refresh')!.tap()
    await run.waitFor(
      'the payment posted',
      () => row(run, '全家便利店')?.attribute('data-status') === 'posted',
    )
    expect(run.query('#balance-available')?.text()).toBe(lower)
  })
})
