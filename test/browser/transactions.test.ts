import type { Balance } from '@contract'
import type { Page, Response } from 'playwright-core'

import { cnyText } from '../support/money'
import { SandboxApi } from '../support/sandbox-api'
import { advanceClock, resetSandbox } from '../support/sandbox-controls'
import { scan as scanAt } from '../support/sandbox-controls'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'

/**
 * Payments in the H5 build, against the real sandbox over HTTP: a payment lowers the
 * available credit on screen without a refresh and is listed pending, then posted; a
 * card without credit is declined with the reason in words and keeps its figures.
 */
const stack = setupStack()

afterEach(async () => {
  // Each test pays from a freshly seeded persona.
  await resetSandbox(stack.server.url)
})

const isOnlineCode = (r: Response) =>
  r.request().method() === 'POST' &&
  /\/pay-codes$/.test(new URL(r.url()).pathname) &&
  r.request().postData()?.includes('"online"') === true

/** Opens a page and returns it with the first online code the app fetched on it. */
async function openWithCode(path: string): Promise<{ page: Page; code: string }> {
  const { page } = await openInFrame(stack.browser, frame('phone'), 'about:blank')
  const issued = page.waitForResponse(isOnlineCode, { timeout: 20_000 })
  await page.goto(`${stack.server.url}/#/pages/${path}`)
  const code = ((await (await issued).json()) as { code: string }).code
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  return { page, code }
}

/** The till: a successful scan of `code` for `amount` fen at `merchant`. */
const scan = (code: string, amount: number, merchant: string) =>
  scanAt(stack.server.url, code, 'success', amount, merchant)

/** Waits until an element's text is exactly `text` (it changes without a reload). */
async function textBecomes(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => document.querySelector(s!)?.textContent === t,
    [selector, text] as const,
    { timeout: 15_000 },
  )
}

const FIRST_ITEM = '#balance-transactions #transaction-item:first-of-type'

/** A row's text, its parts joined by single spaces. */
const rowText = async (page: Page) =>
  (await page.locator(FIRST_ITEM).innerText()).replace(/\s+/g, ' ').trim()

test('home, good: pay ¥12.34, the available credit drops by exactly ¥12.34, pending then posted', async () => {
  const api = new SandboxApi(stack.server.url, 'good')
  const cardId = await api.firstCardId()
  const before = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
  const { page, code } = await openWithCode('home/index?persona=good')
  await page.locator('#balance-card[data-status="ready"]').waitFor()
  await expect(page.locator('#balance-available').innerText()).resolves.toBe(
    cnyText(before.available_credit.amount),
  )
  // The seeded list: three rows on a phone, the hotel pre-authorisation marked pending.
  await expect(page.locator('#transaction-item').count()).resolves.toBe(3)

  expect(await scan(code, 1_234, '全家便利店')).toMatchObject({
    status: 200,
    body: { status: 'succeeded', transaction_id: expect.stringMatching(/^tx_/) },
  })
  await page.locator('#paycode-result[data-status="succeeded"]').waitFor({ timeout: 30_000 })
  // No tap on refresh: the reported payment refetched the balance and the list.
  const lower = cnyText(before.available_credit.amount - 1_234)
  await textBecomes(page, '#balance-available', lower)
  expect(lower).toBe('¥46,102.23')
  const first = page.locator(FIRST_ITEM)
  await first.and(page.locator('[data-status="pending"]')).waitFor()
  expect(await rowText(page)).toBe('全家便利店 待入账 ¥12.34')
  await expect(page.locator('#transaction-item').count()).resolves.toBe(3)
  await saveScreenshot(page, 'transactions-home-good-pending')

  // One sandbox day later the issuer posts it; a refresh shows it posted, credit still lower.
  await advanceClock(api.base, 86_400)
  await page.locator('#balance-refresh').click()
  await first.and(page.locator('[data-status="posted"]')).waitFor({ timeout: 15_000 })
  expect(await rowText(page)).toBe('全家便利店 ¥12.34')
  await expect(page.locator('#balance-available').innerText()).resolves.toBe(lower)
  await page.context().close()
})

test('maxed: declined, the reason in words, credit unchanged, the decline listed', async () => {
  const api = new SandboxApi(stack.server.url, 'maxed')
  const cardId = await api.firstCardId()
  const before = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
  expect(before.available_credit.amount).toBe(0)
  const { page, code } = await openWithCode('home/index?persona=maxed&lang=en-US')
  await page.locator('#balance-card[data-status="ready"]').waitFor()
  expect(await scan(code, 1_234, 'Luckin')).toMatchObject({
    status: 200,
    body: { status: 'declined', decline_reason: 'insufficient_credit' },
  })
  await page.locator('#paycode-result[data-status="declined"]').waitFor({ timeout: 30_000 })
  const reason = page.locator('#paycode-result-reason')
  await expect(reason.getAttribute('data-status')).resolves.toBe('insufficient_credit')
  await expect(reason.innerText()).resolves.toBe('Not enough available credit')
  const first = page.locator(FIRST_ITEM)
  await first.and(page.locator('[data-status="declined"]')).waitFor({ timeout: 15_000 })
  expect(await rowText(page)).toBe(`Luckin Declined ${cnyText(1_234, 'en-US')}`)
  await expect(page.locator('#balance-available').innerText()).resolves.toBe(cnyText(0, 'en-US'))
  expect(await api.get<Balance>(`/v1/cards/${cardId}/balance`)).toEqual(
    expect.objectContaining({
      available_credit: before.available_credit,
      current_balance: before.current_balance,
      pending_amount: before.pending_amount,
    }),
  )
  await saveScreenshot(page, 'transactions-home-maxed-declined')
  await page.context().close()
})
