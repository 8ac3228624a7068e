import type { Statement } from '@contract'
import type { Page } from 'playwright-core'

import { cnyText } from '../support/money'
import { SandboxApi } from '../support/sandbox-api'
import { frame, openInFrame, setupStack } from './support'

/**
 * The widget pages by keyboard alone (H5; harmony-hybrid runs the same web build): every
 * control is a Tab stop in reading order with a role and a name, shows its focus, and
 * does its work on Enter and on Space. No pointer event is sent in this file.
 * A stack of its own: the repayments below change the persona's bill.
 */

const stack = setupStack()

async function open(persona: string, pageId: string, card: string): Promise<Page> {
  const { page } = await openInFrame(
    stack.browser,
    frame('phone'),
    `${stack.server.url}/#/pages/${pageId}/index?persona=${persona}&lang=zh-CN&theme=light`,
  )
  await page.locator(`#${card}:not([data-status="loading"])`).waitFor({ timeout: 15_000 })
  return page
}

interface Stop {
  id: string
  role: string
  name: string
  outline: string
}

/** What has focus now: its id, role, accessible name and drawn outline. */
function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return null
    const tag = el.tagName.toLowerCase()
    const role =
      el.getAttribute('role') ?? (tag === 'button' ? 'button' : tag === 'input' ? 'textbox' : '')
    const style = getComputedStyle(el.closest('.nut-input') ?? el)
    return {
      id: el.id,
      role,
      name: el.getAttribute('aria-label') ?? '',
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    }
  })
}

/** Presses Tab until `id` has focus (at most `limit` presses); the stops passed on the way. */
async function tabTo(page: Page, id: string, limit = 30): Promise<Stop[]> {
  const passed: Stop[] = []
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab')
    const stop = await focused(page)
    if (stop) passed.push(stop)
    if (stop?.id === id) return passed
  }
  throw new Error(`Tab never reached #${id}; stops: ${passed.map((s) => s.id).join(', ')}`)
}

/** Every Tab stop of the page once round, in the order Tab visits them. */
async function tabStops(page: Page): Promise<Stop[]> {
  const stops: Stop[] = []
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab')
    const stop = await focused(page)
    if (!stop) break
    if (stops.some((s) => s.id === stop.id && s.name === stop.name)) break
    stops.push(stop)
  }
  return stops
}

/** The controls a pointer user can reach, in document (reading) order. */
function controlsInReadingOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.taro_page button, .taro_page input')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => el.id),
  )
}

describe.each(['balance', 'pay-code', 'bill'] as const)('%s page', (pageId) => {
  const card = { balance: 'balance-card', 'pay-code': 'paycode-card', bill: 'bill-card' }[pageId]

  test('every control is a Tab stop in reading order, with a role, a name and a focus ring', async () => {
    const page = await open('multi-card', pageId, card)
    const stops = await tabStops(page)
    // The round-face scroll region is not on the phone; the stops are the controls.
    expect(stops.map((s) => s.id)).toEqual(await controlsInReadingOrder(page))
    expect(stops.length).toBeGreaterThanOrEqual(2)
    for (const stop of stops) {
      expect({ id: stop.id, role: stop.role }).toEqual({
        id: stop.id,
        role: stop.id.endsWith('-input') ? 'textbox' : 'button',
      })
      expect(stop.name).not.toBe('')
      expect(stop.outline).toBe('solid 2px')
    }
    await page.context().close()
  })
})

test('balance: reveal, switch card and refresh by keyboard', async () => {
  const page = await open('multi-card', 'balance', 'balance-card')
  const available = page.locator('#balance-available')
  await expect(available.getAttribute('data-masked')).resolves.toBe('false')
  // One eye convention on every widget: the full eye while the figures show.
  await expect(page.locator('#balance-mask-toggle').innerText()).resolves.toBe('◉')

  await tabTo(page, 'balance-mask-toggle')
  await page.keyboard.press('Enter')
  await page.locator('#balance-available[data-masked="true"]').waitFor()
  await expect(page.locator('#balance-mask-toggle').innerText()).resolves.toBe('◎')
  await page.keyboard.press('Space')
  await page.locator('#balance-available[data-masked="false"]').waitFor()

  const switcher = page.locator('#balance-card-switcher')
  const first = await switcher.getAttribute('data-card-id')
  await page.keyboard.press('Shift+Tab')
  await expect(focused(page)).resolves.toMatchObject({ id: 'balance-card-switcher' })
  await page.keyboard.press('Enter')
  await page.locator(`#balance-card-switcher:not([data-card-id="${first}"])`).waitFor()
  await page.locator('#balance-card[data-status="ready"]').waitFor()
  await expect(switcher.innerText()).resolves.toContain('2002')

  await tabTo(page, 'balance-refresh')
  const asked = page.waitForRequest((r) => /\/balance$/.test(new URL(r.url()).pathname))
  await page.keyboard.press('Space')
  await asked
  await page.locator('#balance-card[data-status="ready"]').waitFor()
  await page.context().close()
})

test('pay code: reveal the digits, refresh the code and switch card by keyboard', async () => {
  const page = await open('good', 'pay-code', 'paycode-card')
  await page.locator('#paycode-digits[data-masked="true"]').waitFor()
  await tabTo(page, 'paycode-reveal')
  await page.keyboard.press('Enter')
  await page.locator('#paycode-digits[data-masked="false"]').waitFor()
  await expect(page.locator('#paycode-reveal').innerText()).resolves.toBe('◉')
  const digits = (await page.locator('#paycode-digits').innerText()).replace(/\s/g, '')
  expect(digits).toMatch(/^\d{19}$/)

  await tabTo(page, 'paycode-refresh')
  const issued = page.waitForResponse(
    (r) => r.request().method() === 'POST' && /\/pay-codes$/.test(new URL(r.url()).pathname),
  )
  await page.keyboard.press('Space')
  expect((await issued).status()).toBe(201)
  await page.locator('#paycode-card[data-status="online"]').waitFor()
  await page.context().close()

  const multi = await open('multi-card', 'pay-code', 'paycode-card')
  await tabTo(multi, 'paycode-card-switcher')
  await multi.keyboard.press('Space')
  await multi.locator('#paycode-card-switcher', { hasText: '2002' }).waitFor()
  await multi.context().close()
})

test('bill: repay a custom amount, the minimum and in full, then set a reminder, by keyboard', async () => {
  const api = new SandboxApi(stack.server.url, 'good')
  const cardId = await api.firstCardId()
  const s = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
  const page = await open('good', 'bill', 'bill-card')
  const result = page.locator('#bill-repay-result')

  // Custom: type into the field, Enter on "other amount", Space on the confirmation.
  await tabTo(page, 'bill-repay-custom-input')
  await page.keyboard.type('100')
  await tabTo(page, 'bill-repay-custom', 2)
  await page.keyboard.press('Enter')
  await page.locator('#bill-repay-panel[data-status="confirm"]').waitFor()
  // The confirm button names the amount it pays.
  await expect(page.locator('#bill-repay-confirm').innerText()).resolves.toBe(
    `确认还款 ${cnyText(10_000)}`,
  )
  await tabTo(page, 'bill-repay-confirm')
  await page.keyboard.press('Space')
  await page.locator('#bill-repay-result[data-status="succeeded"]').waitFor()
  await expect(result.innerText()).resolves.toBe(`已还款 ${cnyText(10_000)}`)

  // Minimum: what is left of it after the 100.00.
  await tabTo(page, 'bill-repay-minimum')
  await page.keyboard.press('Space')
  await page.locator('#bill-repay-panel[data-status="confirm"]').waitFor()
  await tabTo(page, 'bill-repay-confirm')
  await page.keyboard.press('Enter')
  await page
    .locator('#bill-repay-result', { hasText: cnyText(s.minimum_due.amount - 10_000) })
    .waitFor()

  // Full: the rest of the statement; the bill turns paid.
  await tabTo(page, 'bill-repay-full')
  await page.keyboard.press('Enter')
  await page.locator('#bill-repay-panel[data-status="confirm"]').waitFor()
  await tabTo(page, 'bill-repay-confirm')
  await page.keyboard.press('Enter')
  await page.locator('#bill-status[data-status="paid"]').waitFor()
  const repayments = await api.get<{ data: { amount: { amount: number } }[] }>(
    `/v1/cards/${cardId}/repayments`,
  )
  expect(repayments.data.map((r) => r.amount.amount).sort((a, b) => a - b)).toEqual(
    [10_000, s.minimum_due.amount - 10_000, s.statement_balance.amount - s.minimum_due.amount].sort(
      (a, b) => a - b,
    ),
  )
  await page.context().close()

  // Remind: one day earlier than the default, then subscribe. "Remind me" is drawn as
  // the button it is (a bordered NutUI Button, not bare text).
  const multi = await open('multi-card', 'bill', 'bill-card')
  await expect(
    multi.locator('#bill-remind').evaluate((e) => getComputedStyle(e).borderTopStyle),
  ).resolves.toBe('solid')
  await tabTo(multi, 'bill-remind-days-more')
  await multi.keyboard.press('Enter')
  await expect(multi.locator('#bill-remind-days').innerText()).resolves.toBe('4 天')
  await tabTo(multi, 'bill-remind')
  await multi.keyboard.press('Space')
  await multi.locator('#bill-remind[data-status="subscribed"]').waitFor()
  const multiApi = new SandboxApi(stack.server.url, 'multi-card')
  const multiCard = await multiApi.firstCardId()
  const reminders = await multiApi.get<{ data: { days_before: number }[] }>(
    `/v1/cards/${multiCard}/reminders`,
  )
  expect(reminders.data.map((r) => r.days_before)).toEqual([4])
  await multi.context().close()
})

test('home: sign out and back in by keyboard', async () => {
  const page = await open('good', 'home', 'balance-card')
  await tabTo(page, 'account-sign-out', 60)
  await page.keyboard.press('Enter')
  await page.locator('#account[data-status="signed_out"]').waitFor()
  // The control keeps focus as it turns from "sign out" into "sign in".
  if ((await focused(page))?.id !== 'account-sign-in') await tabTo(page, 'account-sign-in', 60)
  await page.keyboard.press('Space')
  await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  await page.locator('#account-sign-out').waitFor()
  await page.context().close()
})
