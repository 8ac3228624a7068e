import type { Balance, Statement } from '@contract'
import type { Page } from 'playwright-core'

import { cnyText } from '../support/money'
import { SandboxApi } from '../support/sandbox-api'
import { advanceClock, sandboxNow } from '../support/sandbox-controls'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'

type FrameName = 'watch-round-l' | 'phone'

const stack = setupStack()

async function open(persona: string, frameId: FrameName, page = 'home'): Promise<Page> {
  const { page: tab } = await openInFrame(
    stack.browser,
    frame(frameId),
    `${stack.server.url}/#/pages/${page}/index?persona=${persona}`,
  )
  return tab
}

async function cardStatus(page: Page, id: string, status: string): Promise<void> {
  await page.locator(`#${id}[data-status="${status}"]`).waitFor({ timeout: 15_000 })
}

describe.each(['good', 'overdue', 'maxed', 'no-statement'])('persona %s', (persona) => {
  let api: SandboxApi
  let balance: Balance
  let cardId: string

  beforeAll(async () => {
    api = new SandboxApi(stack.server.url, persona)
    cardId = await api.firstCardId()
    balance = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
  })

  test('phone: exact amounts, unmasked by default', async () => {
    const page = await open(persona, 'phone')
    await cardStatus(page, 'balance-card', 'ready')
    await expect(page.locator('#balance-available').innerText()).resolves.toBe(
      cnyText(balance.available_credit.amount),
    )
    await expect(page.locator('#balance-limit').innerText()).resolves.toBe(
      cnyText(balance.credit_limit.amount),
    )
    await expect(page.locator('#balance-current').innerText()).resolves.toBe(
      cnyText(balance.current_balance.amount),
    )
    if (persona === 'no-statement') {
      await cardStatus(page, 'bill-card', 'no_statement')
    } else {
      const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
      await cardStatus(page, 'bill-card', 'ready')
      await expect(page.locator('#bill-statement-amount').innerText()).resolves.toBe(
        cnyText(statement.statement_balance.amount),
      )
      await expect(page.locator('#bill-minimum-due').innerText()).resolves.toBe(
        cnyText(statement.minimum_due.amount),
      )
      await expect(page.locator('#bill-due-date').getAttribute('data-date')).resolves.toBe(
        statement.due_date,
      )
      await expect(page.locator('#bill-status').getAttribute('data-status')).resolves.toBe(
        statement.status,
      )
    }
    await saveScreenshot(page, `widgets-${persona}-phone`)
    await page.context().close()
  })

  test('round 466: masked by default, the eye reveals the exact amount', async () => {
    const page = await open(persona, 'watch-round-l', 'balance')
    await cardStatus(page, 'balance-card', 'ready')
    await expect(page.locator('#balance-available').innerText()).resolves.toBe('¥****')
    await page.locator('#balance-mask-toggle').click()
    await expect(page.locator('#balance-available').innerText()).resolves.toBe(
      cnyText(balance.available_credit.amount),
    )
    await saveScreenshot(page, `balance-${persona}-watch-round-l`)
    const bill = await open(persona, 'watch-round-l', 'bill')
    await cardStatus(bill, 'bill-card', persona === 'no-statement' ? 'no_statement' : 'ready')
    await saveScreenshot(bill, `bill-${persona}-watch-round-l`)
    await page.context().close()
    await bill.context().close()
  })
})

test('maxed persona shows zero available credit', async () => {
  const page = await open('maxed', 'phone', 'balance')
  await cardStatus(page, 'balance-card', 'ready')
  await expect(page.locator('#balance-available').innerText()).resolves.toBe('¥0.00')
  await page.context().close()
})

test('overdue persona: the bill says overdue', async () => {
  const page = await open('overdue', 'phone', 'bill')
  await cardStatus(page, 'bill-card', 'ready')
  await expect(page.locator('#bill-status').getAttribute('data-status')).resolves.toBe('overdue')
  await expect(page.locator('#bill-days-left').getAttribute('data-urgency')).resolves.toBe(
    'overdue',
  )
  await page.context().close()
})

test('a double-tapped full repayment pays exactly once; bill paid, credit restored', async () => {
  const api = new SandboxApi(stack.server.url, 'good')
  const cardId = await api.firstCardId()
  const before = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
  const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
  const due = statement.statement_balance.amount - statement.paid_to_date.amount

  const page = await open('good', 'phone', 'bill')
  await cardStatus(page, 'bill-card', 'ready')
  await page.locator('#bill-repay-full').click()
  await page.locator('#bill-repay-confirm').dblclick()
  await page.locator('#bill-repay-result[data-status="succeeded"]').waitFor()
  await expect(page.locator('#bill-repay-result').innerText()).resolves.toBe(
    `已还款 ${cnyText(due)}`,
  )
  await page.locator('#bill-status[data-status="paid"]').waitFor()

  const repayments = await api.get<{ data: unknown[] }>(`/v1/cards/${cardId}/repayments`)
  expect(repayments.data).toHaveLength(1)
  const after = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
  expect(after.available_credit.amount).toBe(before.available_credit.amount + due)
  await saveScreenshot(page, 'bill-good-repaid-phone')
  await page.context().close()
})

test('a reminder subscription is recorded and fires when the sandbox clock passes it', async () => {
  const api = new SandboxApi(stack.server.url, 'multi-card')
  const cardId = await api.firstCardId()
  const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
  const page = await open('multi-card', 'phone', 'bill')
  await cardStatus(page, 'bill-card', 'ready')
  await page.locator('#bill-remind').click()
  await page.locator('#bill-remind[data-status="subscribed"]').waitFor()

  const reminders = await api.get<{ data: { channel: string; days_before: number }[] }>(
    `/v1/cards/${cardId}/reminders`,
  )
  expect(reminders.data).toEqual([expect.objectContaining({ channel: 'in_app', days_before: 3 })])

  const now = await sandboxNow(api.base)
  const dueMs = Date.parse(`${statement.due_date}T00:00:00+08:00`)
  const seconds = Math.max(0, Math.ceil((dueMs - now) / 1000))
  await advanceClock(api.base, seconds)
  const outbox = await api.get<{ data: { card_id: string; channel: string }[] }>(
    '/v1/sandbox/outbox',
  )
  expect(outbox.data).toEqual([
    expect.objectContaining({ card_id: cardId, channel: 'in_app', due_date: statement.due_date }),
  ])
  await page.context().close()
})
