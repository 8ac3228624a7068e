import type { Page } from 'playwright-core'

import { scan } from '../support/sandbox-controls'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'
import { recordOnlineCodes } from './till'

/**
 * A payment's result belongs to the account and the card that paid: a sign-out or a
 * switch to another card takes it off the screen. A stack of its own (payments).
 */

const stack = setupStack()

/** Opens `path` recording the online pay codes the issuer gives the page, last one wins. */
async function openRecording(path: string): Promise<{ page: Page; lastCode(): Promise<string> }> {
  const { page } = await openInFrame(stack.browser, frame('phone'), 'about:blank')
  const lastCode = recordOnlineCodes(page)
  await page.goto(`${stack.server.url}/#/pages/${path}`)
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  return { page, lastCode }
}

/** The till: the code on screen pays 12.00 at "Cafe". */
async function pay(code: string): Promise<void> {
  expect((await scan(stack.server.url, code, 'success', 1_200, 'Cafe')).status).toBe(200)
}

test('a sign-out takes the last payment off the home screen', async () => {
  const { page, lastCode } = await openRecording('home/index?persona=good&lang=en-US')
  await pay(await lastCode())
  await page.locator('#paycode-result[data-status="succeeded"]').waitFor({ timeout: 30_000 })
  await page.locator('#account-sign-out').click()
  await page.locator('#account[data-status="signed_out"]').waitFor()
  await page
    .locator('#paycode-result[data-status="none"]')
    .waitFor({ state: 'attached', timeout: 5_000 })
  await expect(page.locator('#paycode-result-merchant').count()).resolves.toBe(0)
  // Every widget says it is signed out, with its sign-in; nothing waits as a skeleton.
  for (const card of ['balance-card', 'bill-card', 'paycode-card']) {
    await page.locator(`#${card}[data-status="signed_out"]`).waitFor({ timeout: 5_000 })
    const banner = page.locator(`#${card} #error-banner`)
    await expect(banner.getAttribute('data-status')).resolves.toBe('signed_out')
    await expect(banner.locator('.cl-error-banner__action').innerText()).resolves.toBe(
      'Sign in again',
    )
  }
  await expect(page.locator('.cl-skeleton').count()).resolves.toBe(0)
  await expect(page.locator('#balance-available').count()).resolves.toBe(0)
  await expect(page.locator('#paycode-qr').count()).resolves.toBe(0)
  await saveScreenshot(page, 'signed-out-home-phone')
  // A widget's own sign-in brings the account back.
  await page.locator('#balance-card #error-banner .cl-error-banner__action').click()
  await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  await page.context().close()
})

test('another card starts without the last card’s payment', async () => {
  const { page, lastCode } = await openRecording('pay-code/index?persona=multi-card&lang=en-US')
  await pay(await lastCode())
  await page.locator('#paycode-result[data-status="succeeded"]').waitFor({ timeout: 30_000 })
  const first = await page.locator('#paycode-card-switcher').getAttribute('data-card-id')
  await page.locator('#paycode-card-switcher').click()
  await page.locator(`#paycode-card-switcher:not([data-card-id="${first}"])`).waitFor()
  await page
    .locator('#paycode-result[data-status="none"]')
    .waitFor({ state: 'attached', timeout: 5_000 })
  await page.context().close()
})
