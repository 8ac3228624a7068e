/**
 * The three widgets driven through the official miniprogram-automator client, written as
 * for WeChat DevTools: launch through a cli, pick the persona by mocking `login`, open
 * pages with reLaunch, find widgets by their stable ids and read `data-status`. They run
 * unchanged on both bridge backends (H5 and weapp) and against DevTools; what
 * `page.data()` holds differs per backend, so page-data.spec.ts checks it per backend.
 */
import type { Balance, Statement } from '@contract'

import { SandboxApi } from '../support/sandbox-api'
import { scan } from '../support/sandbox-controls'
import {
  byId,
  cnyText,
  eventually,
  idOf,
  issuerUrl,
  launch,
  type MiniProgram,
  openAs,
  opened,
  qrFromScreenshot,
  savePng,
  SETUP_TIMEOUT_MS,
  statusOf,
  waitForStatus,
} from './support'

// Every route call sleeps 3 s in the client; a widget then loads over HTTP.
jest.setTimeout(120_000)

let miniProgram: MiniProgram
let issuer: string

beforeAll(async () => {
  miniProgram = await launch()
  issuer = await issuerUrl(miniProgram)
}, SETUP_TIMEOUT_MS)

afterAll(async () => {
  await miniProgram?.close()
})

test('the app starts on the home page, alone in the page stack', async () => {
  const page = await opened(miniProgram.currentPage())
  expect(page.path).toBe('pages/home/index')
  const stack = await miniProgram.pageStack()
  expect(stack.map((p) => [idOf(p), p.path])).toEqual([[idOf(page), 'pages/home/index']])
})

test('balance: exact amounts from the issuer, the eye masks them', async () => {
  const page = await openAs(miniProgram, 'good', '/pages/balance/index')
  expect(page.path).toBe('pages/balance/index')
  await waitForStatus(page, 'balance-card', 'ready')

  const api = new SandboxApi(issuer, 'good')
  const balance = await api.get<Balance>(`/v1/cards/${await api.firstCardId()}/balance`)
  const available = await byId(page, 'balance-available')
  expect(await available.text()).toBe(cnyText(balance.available_credit.amount))
  expect(await (await byId(page, 'balance-limit')).text()).toBe(
    cnyText(balance.credit_limit.amount),
  )
  expect(await (await byId(page, 'balance-current')).text()).toBe(
    cnyText(balance.current_balance.amount),
  )
  expect(await available.attribute('data-masked')).toBe('false')

  await (await byId(page, 'balance-mask-toggle')).tap()
  await eventually(() => available.attribute('data-masked'), 'true')
  expect(await available.text()).toBe('¥****')

  const png = savePng((await miniProgram.screenshot()) as string, 'automator-balance-good')
  expect([png.width, png.height]).toEqual([375, 812])
})

test('balance: the maxed persona has zero available credit', async () => {
  const page = await openAs(miniProgram, 'maxed', '/pages/balance/index')
  await waitForStatus(page, 'balance-card', 'ready')
  expect(await (await byId(page, 'balance-available')).text()).toBe('¥0.00')
})

test('bill: the overdue persona is overdue; a double-tapped full repayment pays once', async () => {
  const page = await openAs(miniProgram, 'overdue', '/pages/bill/index')
  await waitForStatus(page, 'bill-card', 'ready')
  expect(await statusOf(page, 'bill-status')).toBe('overdue')
  expect(await (await byId(page, 'bill-days-left')).attribute('data-urgency')).toBe('overdue')

  const api = new SandboxApi(issuer, 'overdue')
  const cardId = await api.firstCardId()
  const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
  const due = statement.statement_balance.amount - statement.paid_to_date.amount
  expect(await (await byId(page, 'bill-statement-amount')).text()).toBe(
    cnyText(statement.statement_balance.amount),
  )
  expect(await (await byId(page, 'bill-due-date')).attribute('data-date')).toBe(statement.due_date)

  await (await byId(page, 'bill-repay-full')).tap()
  await waitForStatus(page, 'bill-repay-panel', 'confirm')
  const confirm = await byId(page, 'bill-repay-confirm')
  await Promise.all([confirm.tap(), confirm.tap()])
  await waitForStatus(page, 'bill-repay-result', 'succeeded')
  expect(await (await byId(page, 'bill-repay-result')).text()).toBe(`已还款 ${cnyText(due)}`)
  await waitForStatus(page, 'bill-status', 'paid')

  const repayments = await api.get<{ data: unknown[] }>(`/v1/cards/${cardId}/repayments`)
  expect(repayments.data).toHaveLength(1)
})

test('bill: a custom amount typed with input() is what the confirmation asks for', async () => {
  const page = await openAs(miniProgram, 'multi-card', '/pages/bill/index')
  await waitForStatus(page, 'bill-card', 'ready')
  const input = await byId(page, 'bill-repay-custom-input')
  expect(input.tagName).toBe('input')
  await (input as unknown as { input(value: string): Promise<void> }).input('12.34')
  await (await byId(page, 'bill-repay-custom')).tap()
  await waitForStatus(page, 'bill-repay-panel', 'confirm')
  expect(await (await byId(page, 'bill-repay-confirm')).attribute('aria-label')).toContain(
    cnyText(1234),
  )
  await (await byId(page, 'bill-repay-cancel')).tap()
  await eventually(async () => (await page.$('#bill-repay-panel')) === null, true)
})

test('pay code: the code on screen pays at the till and the widget shows the result', async () => {
  const page = await openAs(miniProgram, 'good', '/pages/pay-code/index')
  await waitForStatus(page, 'paycode-card', 'online')
  await waitForStatus(page, 'paycode-qr', 'drawn')
  const code = await qrFromScreenshot(miniProgram, 'automator-paycode-good')
  expect(code).toMatch(/^62\d{17}$/)

  const digits = await byId(page, 'paycode-digits')
  expect(await digits.attribute('data-masked')).toBe('true')
  await (await byId(page, 'paycode-reveal')).tap()
  await eventually(() => digits.attribute('data-masked'), 'false')
  expect((await digits.text()).replace(/\s/g, '')).toBe(code)

  expect((await scan(issuer, code, 'success', 12_345, '星巴克 国贸店')).status).toBe(200)
  await waitForStatus(page, 'paycode-result', 'succeeded', 30_000)
  expect(await (await byId(page, 'paycode-result-amount')).text()).toBe(cnyText(12_345))
  expect(await (await byId(page, 'paycode-result-merchant')).text()).toBe('星巴克 国贸店')
})

test('home: all three widgets on one page, each ready for the persona', async () => {
  const page = await openAs(miniProgram, 'no-statement', '/pages/home/index')
  await waitForStatus(page, 'balance-card', 'ready')
  await waitForStatus(page, 'paycode-card', 'online')
  await waitForStatus(page, 'bill-card', 'no_statement')
})
