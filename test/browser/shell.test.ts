import { roundSafeInset } from '@/lib/frame'
import { enUS } from '@/lib/i18n/en-US'
import { zhCN } from '@/lib/i18n/zh-CN'

import { frame, openInFrame, saveScreenshot, setupStack } from './support'

const WIDGET_IDS = ['balance-card', 'paycode-card', 'bill-card']

describe('app shell in the browser', () => {
  const stack = setupStack()

  test('round 466 watch: dark theme, every widget inside the circle safe square', async () => {
    const watch = frame('watch-round-l')
    const { context, page } = await openInFrame(
      stack.browser,
      watch,
      `${stack.server.url}/#/pages/home/index`,
    )
    await page.locator('#balance-card').waitFor({ state: 'visible' })

    const screen = page.locator('.cl-screen')
    expect(await screen.getAttribute('data-frame')).toBe('watch-round-l')
    expect(await screen.getAttribute('data-theme')).toBe('dark')

    const inset = roundSafeInset(watch.width)
    const box = await page.locator('#balance-card').boundingBox()
    expect(box).not.toBeNull()
    expect(box!.x).toBeGreaterThanOrEqual(inset - 1)
    expect(box!.y).toBeGreaterThanOrEqual(inset - 1)
    expect(box!.x + box!.width).toBeLessThanOrEqual(watch.width - inset + 1)
    await saveScreenshot(page, 'shell-home-watch-round-l')
    await context.close()
  })

  test('phone 375 × 812: light theme, all three widgets visible by stable id', async () => {
    const phone = frame('phone')
    const { context, page } = await openInFrame(
      stack.browser,
      phone,
      `${stack.server.url}/#/pages/home/index`,
    )
    for (const id of WIDGET_IDS) await page.locator(`#${id}`).waitFor({ state: 'visible' })
    expect(await page.locator('.cl-screen').getAttribute('data-frame')).toBe('phone')
    expect(await page.locator('.cl-screen').getAttribute('data-theme')).toBe('light')
    expect(await page.locator('#balance-card .cl-widget-card__title').innerText()).toBe('可用额度')
    await saveScreenshot(page, 'shell-home-phone')
    await context.close()
  })

  test('lang=en-US switches the i18n table', async () => {
    const { context, page } = await openInFrame(
      stack.browser,
      frame('phone'),
      `${stack.server.url}/#/pages/balance/index?lang=en-US`,
    )
    await expect(page.locator('#balance-card .cl-widget-card__title').innerText()).resolves.toBe(
      'Available credit',
    )
    await context.close()
  })

  test.each([
    ['home', 'app.title'],
    ['balance', 'balance.title'],
    ['pay-code', 'paycode.title'],
    ['bill', 'bill.title'],
  ] as const)('%s: the document title is the page title in the chosen language', async (p, key) => {
    const { context, page } = await openInFrame(
      stack.browser,
      frame('phone'),
      `${stack.server.url}/#/pages/${p}/index?lang=en-US`,
    )
    await page.waitForFunction((title) => document.title === title, enUS[key], { timeout: 15_000 })
    // A route change within the app titles the next page in the same language.
    await page.goto(
      `${stack.server.url}/#/pages/${p === 'bill' ? 'balance' : 'bill'}/index?lang=zh-CN`,
    )
    const next = p === 'bill' ? zhCN['balance.title'] : zhCN['bill.title']
    await page.waitForFunction((title) => document.title === title, next, { timeout: 15_000 })
    await context.close()
  })
})
