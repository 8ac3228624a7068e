import type { Locator, Page } from 'playwright-core'

import type { FrameId } from '@/lib/frame'

import { clearFaults, resetSandbox, scan, setFaults } from '../support/sandbox-controls'
import { frame, insideFrame, openInFrame, saveScreenshot, setupStack } from './support'
import { recordOnlineCodes } from './till'

/**
 * What the pay code says beyond "paid": a merchant's reversal, a maxed card, an issuer
 * error in the code area, and a result on the compact frames drawn over the code (never
 * pushing its controls out of the frame), dismissed to bring the code back.
 */
const stack = setupStack()

afterEach(async () => {
  await clearFaults(stack.server.url)
  await resetSandbox(stack.server.url)
})

async function openRecording(
  frameId: FrameId,
  path: string,
): Promise<{ page: Page; lastCode(): Promise<string> }> {
  const { page } = await openInFrame(stack.browser, frame(frameId), 'about:blank')
  const lastCode = recordOnlineCodes(page)
  await page.goto(`${stack.server.url}/#/pages/${path}`)
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  return { page, lastCode }
}

/** No text cut: every line of the element is drawn within its own box (no overflow). */
async function overflows(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el.scrollHeight > el.clientHeight + 1)
}

test('a merchant’s reversal turns "Paid" into "Payment reversed", on the code and in the list', async () => {
  const { page, lastCode } = await openRecording('phone', 'home/index?persona=good&lang=en-US')
  const answer = await scan(
    stack.server.url,
    await lastCode(),
    'success_then_reversal',
    2_500,
    'Didi',
  )
  expect(answer.body.status).toBe('succeeded')
  await page.locator('#paycode-result[data-status="succeeded"]').waitFor({ timeout: 15_000 })
  await page.locator('#paycode-result[data-status="reversed"]').waitFor({ timeout: 20_000 })
  await expect(page.locator('#paycode-result .cl-paycode__result-label').innerText()).resolves.toBe(
    'Payment reversed',
  )
  await expect(page.locator('#paycode-result-hint').innerText()).resolves.toBe(
    'Cancelled by the merchant; credit restored',
  )
  await expect(page.locator('#paycode-result-amount').innerText()).resolves.toBe('CN¥25.00')
  const first = page.locator('#balance-transactions #transaction-item:first-of-type')
  await first.and(page.locator('[data-status="reversed"]')).waitFor({ timeout: 15_000 })
  await saveScreenshot(page, 'paycode-reversed-phone')
  await page.context().close()
})

test('a maxed card shows its code with "No available credit" beside it', async () => {
  const { page } = await openRecording('phone', 'pay-code/index?persona=maxed&lang=en-US')
  const notice = page.locator('#paycode-no-credit')
  await notice.waitFor({ timeout: 15_000 })
  await expect(notice.innerText()).resolves.toBe('No available credit: payments will be declined')
  await expect(page.locator('#paycode-qr').isVisible()).resolves.toBe(true)
  await page.context().close()
})

test('an issuer error fills the code area with the error and its retry, nothing disabled', async () => {
  await setFaults(stack.server.url, [{ route: '/v1/cards/*/pay-codes', status: 500 }])
  const { page } = await openInFrame(
    stack.browser,
    frame('watch-round-s'),
    `${stack.server.url}/#/pages/pay-code/index?persona=good&lang=en-US`,
  )
  await page.locator('#paycode-card[data-status="error"]').waitFor({ timeout: 20_000 })
  const banner = page.locator('#paycode-card #error-banner')
  await expect(banner.getAttribute('data-status')).resolves.toBe('unavailable')
  for (const id of ['paycode-qr', 'paycode-reveal', 'paycode-refresh', 'paycode-countdown']) {
    await expect(page.locator(`#${id}`).count()).resolves.toBe(0)
  }
  await expect(page.locator('#paycode-card button:disabled').count()).resolves.toBe(0)
  await expect(insideFrame(banner, 'watch-round-s')).resolves.toBe(true)
  await clearFaults(stack.server.url)
  await banner.locator('.cl-error-banner__action').click()
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  await page.context().close()
})

describe.each([
  ['watch-round-l', 'en-US'],
  ['watch-round-s', 'en-US'],
  ['watch-round-s', 'zh-CN'],
  ['widget-2x2', 'en-US'],
  ['widget-2x2', 'zh-CN'],
  ['band', 'en-US'],
] as const)('%s %s: a declined result', (frameId, lang) => {
  test('covers the code inside the frame, whole, and its button brings the code back', async () => {
    const { page, lastCode } = await openRecording(
      frameId,
      `pay-code/index?persona=maxed&lang=${lang}`,
    )
    const paid = await lastCode()
    expect((await scan(stack.server.url, paid, 'success', 1_234, 'Luckin')).body.status).toBe(
      'declined',
    )
    const result = page.locator('#paycode-result[data-status="declined"]')
    await result.waitFor({ timeout: 15_000 })
    // The code that replaced the paid one is under the result, its controls where they were.
    await page.locator('#paycode-card[data-status="online"]').waitFor()
    await saveScreenshot(page, `paycode-declined-overlay-${frameId}-${lang}`)
    const reason = page.locator('#paycode-result-reason')
    const dismiss = page.locator('#paycode-result-dismiss')
    for (const part of [result, reason, dismiss, page.locator('#paycode-refresh')]) {
      await expect(insideFrame(part, frameId)).resolves.toBe(true)
    }
    await expect(overflows(result)).resolves.toBe(false)
    await expect(reason.innerText()).resolves.toBe(
      lang === 'en-US' ? 'Not enough available credit' : '可用额度不足',
    )
    await expect(page.locator('#paycode-qr').isVisible()).resolves.toBe(false)

    await dismiss.click()
    await page.locator('#paycode-result[data-status="none"]').waitFor({ state: 'attached' })
    await expect(page.locator('#paycode-qr').isVisible()).resolves.toBe(true)
    await expect(insideFrame(page.locator('#paycode-refresh'), frameId)).resolves.toBe(true)
    await page.context().close()
  })
})

describe.each([
  ['balance', 'balance-card', 'balance-mask-toggle'],
  ['pay-code', 'paycode-card', 'paycode-refresh'],
  ['bill', 'bill-card', undefined],
] as const)('a %s service widget', (page, cardId, control) => {
  test.each(['widget-2x2', 'widget-2x4'] as const)(
    '%s names its card, and a tap opens its page (its controls keep their own)',
    async (frameId) => {
      const opened = await openInFrame(
        stack.browser,
        frame(frameId),
        `${stack.server.url}/#/pages/${page}/index?persona=good&lang=en-US&frame=${frameId}`,
      )
      const card = opened.page.locator(`#${cardId}`)
      await card.locator('.cl-card-switcher__label').waitFor({ timeout: 15_000 })
      await expect(card.locator('.cl-card-switcher__label').innerText()).resolves.toBe(
        frameId === 'widget-2x2' ? '·· 8888' : 'UnionPay ·· 8888',
      )
      await expect(insideFrame(card.locator('.cl-card-switcher__label'), frameId)).resolves.toBe(
        true,
      )
      if (control) {
        await opened.page.locator(`#${control}`).click()
        await opened.page.waitForTimeout(300)
        expect(new URL(opened.page.url()).hash).toContain('frame=')
      }
      await card.locator('.cl-widget-card__title').click()
      await opened.page.waitForFunction(
        (p) => location.hash.startsWith(`#/pages/${p}/index?`) && !location.hash.includes('frame='),
        page,
      )
      expect(new URL(opened.page.url()).hash).toBe(`#/pages/${page}/index?lang=en-US&persona=good`)
      await opened.context.close()
    },
  )
})
