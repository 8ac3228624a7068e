import type { Balance, Statement } from '@contract'
import type { Page } from 'playwright-core'

import { cnyText } from '../support/money'
import { SandboxApi } from '../support/sandbox-api'
import { resetSandbox } from '../support/sandbox-controls'
import { frame, openInFrame, setupStack } from './support'

/** A finger dragging the page down from near its top, as Chromium's touch input delivers it. */
async function pullDown(page: Page, distance: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  const x = 180
  const from = 120
  const steps = 12
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] })
  for (let step = 1; step <= steps; step += 1) {
    const y = from + (distance * step) / steps
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] })
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await cdp.detach()
}

describe('pull-down refresh on the H5 pages that enable it', () => {
  const stack = setupStack()

  afterEach(async () => {
    await resetSandbox(stack.server.url)
  })

  test.each([
    ['balance', 'balance-card', '#balance-available'],
    ['bill', 'bill-card', '#bill-remaining'],
  ])('%s: pulling down shows what the issuer holds now', async (name, card, figure) => {
    const { context, page } = await openInFrame(
      stack.browser,
      frame('phone'),
      `${stack.server.url}/#/pages/${name}/index?persona=good`,
      { touch: true },
    )
    await page.locator(`#${card}[data-status="ready"]`).waitFor()
    const before = await page.locator(figure).count()

    const api = new SandboxApi(stack.server.url, 'good')
    const cardId = await api.firstCardId()
    await api.post(
      `/v1/cards/${cardId}/repayments`,
      { amount: { amount: 10_000, currency: 'CNY' } },
      { 'Idempotency-Key': `pull-h5-${name}` },
    )
    const balance = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
    const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
    const expected = cnyText(
      name === 'balance'
        ? balance.available_credit.amount
        : statement.statement_balance.amount - statement.paid_to_date.amount,
    )
    if (before > 0) expect(await page.locator(figure).innerText()).not.toBe(expected)

    await pullDown(page, 240)
    await page.locator(figure, { hasText: expected }).waitFor({ timeout: 10_000 })
    expect(await page.locator(figure).innerText()).toBe(expected)
    await context.close()
  })

  test('a page scrolled down scrolls back up under the finger: no refresh', async () => {
    // The phone layout in a window too short for the bill card: the page scrolls.
    const { context, page } = await openInFrame(
      stack.browser,
      { ...frame('phone'), height: 300 },
      `${stack.server.url}/#/pages/bill/index?persona=good&frame=phone`,
      { touch: true },
    )
    await page.locator('#bill-card[data-status="ready"]').waitFor()
    const scrolled = () =>
      page.evaluate(() => {
        const all = [document.scrollingElement, ...document.querySelectorAll('*')]
        return Math.max(...all.map((e) => e?.scrollTop ?? 0))
      })
    await page.evaluate(() => {
      for (const e of [document.scrollingElement, ...document.querySelectorAll('*')]) {
        if (e && e.scrollHeight > e.clientHeight + 40) e.scrollTop = e.scrollHeight
      }
    })
    const before = await scrolled()
    expect(before).toBeGreaterThan(40)
    const refreshes: string[] = []
    page.on('request', (r) => {
      if (/\/statements\/current$/.test(new URL(r.url()).pathname)) refreshes.push(r.url())
    })

    await pullDown(page, 120)
    await page.waitForFunction((top) => {
      const all = [document.scrollingElement, ...document.querySelectorAll('*')]
      return Math.max(...all.map((e) => e?.scrollTop ?? 0)) < top
    }, before)
    expect(await page.locator('.rmc-pull-to-refresh-indicator').count()).toBe(0)
    expect(refreshes).toEqual([])
    await context.close()
  })
})
