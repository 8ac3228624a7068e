import type { Locator, Page } from 'playwright-core'

import type { FrameId } from '@/lib/frame'

import { frame, openInFrame, saveScreenshot, setupStack } from './support'

/**
 * Watch faces as glances: the first screen of Balance and Bill is
 * the headline with the card, the updated time and one more figure; the rest is one
 * scroll below, reachable; round faces carry a credit-used arc along the edge.
 */
const stack = setupStack()

/**
 * The part of `locator` on screen now (0 when scrolled out): a round face shows its
 * scrolling safe square, a square watch its viewport.
 */
async function shownHeight(page: Page, locator: Locator): Promise<number> {
  const box = await locator.boundingBox()
  const round = (await page.locator('.cl-screen--round').count()) > 0
  const view = round
    ? await page.locator('.cl-screen__safe').boundingBox()
    : { y: 0, height: page.viewportSize()!.height }
  if (!box || !view) return 0
  const top = Math.max(box.y, view.y)
  const bottom = Math.min(box.y + box.height, view.y + view.height)
  return Math.max(0, bottom - top)
}

describe.each([
  ['watch-round-l', 'en-US', 'dark'],
  ['watch-round-s', 'en-US', 'light'],
  ['watch-round-s', 'zh-CN', 'dark'],
  ['watch-square', 'zh-CN', 'light'],
] as const)('%s %s %s', (frameId: FrameId, lang, theme) => {
  test('Balance: the glance first, the details one scroll below; the arc says the credit used', async () => {
    const { page, context } = await openInFrame(
      stack.browser,
      frame(frameId),
      `${stack.server.url}/#/pages/balance/index?persona=good&masked=0&lang=${lang}&theme=${theme}`,
    )
    await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 15_000 })
    for (const id of ['balance-available', 'balance-limit', 'balance-updated-at']) {
      expect(await shownHeight(page, page.locator(`#${id}`))).toBeGreaterThan(0)
    }
    for (const id of ['balance-current', 'balance-pending', 'balance-refresh']) {
      expect(await shownHeight(page, page.locator(`#${id}`))).toBe(0)
    }
    if (frame(frameId).shape === 'round') {
      // 50,000.00 limit, 46,114.57 available: 7.77 % used.
      await expect(page.locator('#balance-arc').getAttribute('data-status')).resolves.toBe('8')
    } else {
      await expect(page.locator('#balance-arc').count()).resolves.toBe(0)
    }
    await saveScreenshot(page, `glance-balance-${frameId}-${lang}-${theme}`)
    // The bezel (a wheel) scrolls to the rest.
    await page.locator('#balance-refresh').scrollIntoViewIfNeeded()
    const refresh = page.locator('#balance-refresh')
    expect(await shownHeight(page, refresh)).toBe((await refresh.boundingBox())!.height)
    expect(await shownHeight(page, page.locator('#balance-current'))).toBeGreaterThan(0)
    await context.close()
  })

  test('Bill: what is due and the days left first, the repayment one scroll below', async () => {
    const { page, context } = await openInFrame(
      stack.browser,
      frame(frameId),
      `${stack.server.url}/#/pages/bill/index?persona=good&lang=${lang}&theme=${theme}`,
    )
    await page.locator('#bill-card[data-status="ready"]').waitFor({ timeout: 15_000 })
    for (const id of ['bill-days-left', 'bill-statement-amount', 'bill-due-date']) {
      const part = page.locator(`#${id}`)
      expect(await shownHeight(page, part)).toBe((await part.boundingBox())!.height)
    }
    for (const id of ['bill-minimum-due', 'bill-repay-full', 'bill-remind']) {
      expect(await shownHeight(page, page.locator(`#${id}`))).toBe(0)
    }
    await saveScreenshot(page, `glance-bill-${frameId}-${lang}-${theme}`)
    await page.locator('#bill-remind').scrollIntoViewIfNeeded()
    expect(await shownHeight(page, page.locator('#bill-remind'))).toBeGreaterThan(0)
    await context.close()
  })
})

test('a maxed card’s arc is full', async () => {
  const { page, context } = await openInFrame(
    stack.browser,
    frame('watch-round-l'),
    `${stack.server.url}/#/pages/balance/index?persona=maxed`,
  )
  await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  await expect(page.locator('#balance-arc').getAttribute('data-status')).resolves.toBe('100')
  await expect(page.locator('#balance-arc').getAttribute('aria-label')).resolves.toBe(
    '已用额度 100%',
  )
  await context.close()
})
