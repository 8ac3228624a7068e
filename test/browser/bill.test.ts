import type { Statement } from '@contract'
import { daysBetween, todayIn } from '@contract/calendar'
import type { Page } from 'playwright-core'

import { SandboxApi } from '../support/sandbox-api'
import { advanceClock, sandboxNow } from '../support/sandbox-controls'
import { frame, openInFrame, setupStack } from './support'

const stack = setupStack()

async function openBill(persona: string, query = ''): Promise<Page> {
  const { page } = await openInFrame(
    stack.browser,
    frame('watch-round-l'),
    `${stack.server.url}/#/pages/bill/index?persona=${persona}&lang=en-US${query}`,
  )
  await page.locator('#bill-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  return page
}

test("days left count from the issuer's today, not the device's: advanced sandbox clock", async () => {
  const api = new SandboxApi(stack.server.url, 'good')
  const cardId = await api.firstCardId()
  const before = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
  const start = await sandboxNow(api.base)
  const deviceDays = daysBetween(todayIn('Asia/Shanghai', Date.now()), before.due_date)
  // Move the issuer to two days before the due date; the browser's clock stays put.
  const jumpDays = daysBetween(todayIn('Asia/Shanghai', start), before.due_date) - 2
  expect(jumpDays).toBeGreaterThan(0)
  const now = await advanceClock(api.base, jumpDays * 86_400)
  // Tokens issued before the jump have expired on the issuer's clock: sign in again.
  const after = new SandboxApi(stack.server.url, 'good')
  const statement = await after.get<Statement>(`/v1/cards/${cardId}/statements/current`)
  const issuerDays = daysBetween(todayIn(statement.time_zone, now), statement.due_date)
  expect(issuerDays).toBe(2)
  expect(deviceDays).toBeGreaterThan(issuerDays)

  const page = await openBill('good')
  await expect(page.locator('#bill-days-left').innerText()).resolves.toBe('2 days left')
  await expect(page.locator('#bill-days-left').getAttribute('data-urgency')).resolves.toBe('urgent')
  await page.context().close()
})
