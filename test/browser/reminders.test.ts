import type { InAppNotification, Reminder, Statement } from '@contract'
import type { Page } from 'playwright-core'

import { formatCalendarDate } from '@/lib/calendar'
import { formatMoney } from '@/lib/money'

import { SandboxApi } from '../support/sandbox-api'
import { advanceClock, resetSandbox, sandboxNow } from '../support/sandbox-controls'
import { runAxe } from './axe'
import { frame, insideFrame, openInFrame, saveScreenshot, setupStack } from './support'

// Its own stack: the test moves the sandbox clock.
const stack = setupStack()

const PERSONA = 'good'

async function openBill(): Promise<Page> {
  const { page } = await openInFrame(
    stack.browser,
    frame('phone'),
    `${stack.server.url}/#/pages/bill/index?persona=${PERSONA}`,
  )
  await page.locator('#bill-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  return page
}

test('H5: a chosen reminder is listed, fires in-app when the clock passes it, and cancels', async () => {
  let api = new SandboxApi(stack.server.url, PERSONA)
  const cardId = await api.firstCardId()
  const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
  const list = async () =>
    (await api.get<{ data: Reminder[] }>(`/v1/cards/${cardId}/reminders`)).data
  const page = await openBill()

  // Choose 2 days before at 09:30 (the defaults are 3 days at 09:00).
  await page.locator('#bill-remind[data-status="none"]').waitFor()
  await page.locator('#bill-remind-days-less').click()
  await page.locator('#bill-remind-time-more').click()
  expect(await page.locator('#bill-remind-days').textContent()).toBe('2 天')
  expect(await page.locator('#bill-remind-time').textContent()).toBe('09:30')
  // A double tap subscribes once.
  await page.locator('#bill-remind').dblclick()
  await page.locator('#bill-remind[data-status="subscribed"]').waitFor()
  expect(await page.locator('#bill-remind').textContent()).toBe('已设提醒：提前 2 天 09:30')
  await page.locator('#bill-reminder-item[data-status="scheduled"]').waitFor()
  expect(await page.locator('#bill-reminder-item').count()).toBe(1)
  expect(await list()).toEqual([
    expect.objectContaining({
      channel: 'in_app',
      days_before: 2,
      time: '09:30',
      status: 'scheduled',
    }),
  ])

  // The state comes from the issuer: after a reload the button says what is set, the
  // picker is gone, and another tap creates nothing.
  await page.reload()
  await page.locator('#bill-remind[data-status="subscribed"]').waitFor({ timeout: 15_000 })
  expect(await page.locator('#bill-remind-days').count()).toBe(0)
  await page.locator('#bill-remind').click()
  await page.locator('#bill-reminder-item[data-status="scheduled"]').waitFor()
  expect(await list()).toHaveLength(1)
  expect(await page.locator('#bill-reminder-notice').count()).toBe(0)

  // Past its moment on the sandbox clock, it fires; the page shows it on its next show.
  const [reminder] = await list()
  const now = await sandboxNow(api.base)
  const seconds = Math.ceil((Date.parse(reminder!.fires_at!) - now) / 1000) + 60
  await advanceClock(api.base, seconds)
  api = new SandboxApi(stack.server.url, PERSONA) // the first session has expired by now
  const fired = (await api.get<{ data: InAppNotification[] }>(`/v1/cards/${cardId}/notifications`))
    .data
  expect(fired).toEqual([
    expect.objectContaining({ reminder_id: reminder!.id, due_date: statement.due_date }),
  ])
  await page.reload()
  const notice = page.locator('#bill-reminder-notice[data-status="fired"]')
  await notice.waitFor({ timeout: 15_000 })
  const amount = formatMoney(fired[0]!.amount_due, 'zh-CN')
  expect(fired[0]!.amount_due.amount).toBe(
    statement.statement_balance.amount - statement.paid_to_date.amount,
  )
  expect(await notice.textContent()).toBe(
    `还款提醒：${formatCalendarDate(statement.due_date, 'zh-CN')}前应还 ${amount}`,
  )
  await page.locator('#bill-reminder-item[data-status="fired"]').waitFor()
  await saveScreenshot(page, 'bill-reminder-fired-phone')
  // The notice, the list and its cancel button: still no WCAG 2.1 A/AA violation.
  expect((await runAxe(page)).violations).toEqual([])

  // Cancel: the list is empty on the page and at the issuer; the picker is back.
  await page.locator('#bill-reminder-cancel').click()
  await page.locator('#bill-remind[data-status="none"]').waitFor()
  expect(await page.locator('#bill-reminder-item').count()).toBe(0)
  await page.locator('#bill-remind-days').waitFor()
  expect(await list()).toEqual([])
  await page.context().close()
})

describe.each([
  ['watch-round-l', 'en-US'],
  ['watch-round-s', 'en-US'],
  ['watch-round-s', 'zh-CN'],
  ['band', 'en-US'],
] as const)('%s %s', (frameId, lang) => {
  beforeEach(async () => {
    await resetSandbox(stack.server.url)
  })

  test('a reminder set on the watch is listed with its cancel, reachable by scrolling', async () => {
    const api = new SandboxApi(stack.server.url, PERSONA)
    const cardId = await api.firstCardId()
    const { page, context } = await openInFrame(
      stack.browser,
      frame(frameId),
      `${stack.server.url}/#/pages/bill/index?persona=${PERSONA}&lang=${lang}`,
    )
    await page.locator('#bill-card[data-status="ready"]').waitFor({ timeout: 15_000 })
    await page.locator('#bill-remind[data-status="none"]').click()
    // Scheduled, or fired already where an earlier test moved the sandbox clock on.
    const item = page.locator('#bill-reminder-item')
    await item.waitFor({ timeout: 15_000 })
    await expect(item.locator('.cl-bill__reminder-text').innerText()).resolves.toBe(
      lang === 'en-US' ? '3 days before, 09:00 · In the app' : '提前 3 天 09:00 · 应用内',
    )
    // The bezel (a wheel) brings the cancel into view, inside the face.
    const cancel = page.locator('#bill-reminder-cancel')
    await cancel.scrollIntoViewIfNeeded()
    await saveScreenshot(page, `reminders-${frameId}-${lang}-listed`)
    await expect(insideFrame(cancel, frameId)).resolves.toBe(true)
    await cancel.click()
    await page.locator('#bill-remind[data-status="none"]').waitFor({ timeout: 15_000 })
    await expect(page.locator('#bill-reminder-item').count()).resolves.toBe(0)
    expect((await api.get<{ data: Reminder[] }>(`/v1/cards/${cardId}/reminders`)).data).toEqual([])
    await context.close()
  })
})
