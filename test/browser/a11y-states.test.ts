import type { Statement } from '@contract'
import type { BrowserContext, Page } from 'playwright-core'

import { SandboxApi } from '../support/sandbox-api'
import { clearFaults, scan, setFaults } from '../support/sandbox-controls'
import { runAxe } from './axe'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'
import { recordOnlineCodes } from './till'

/**
 * axe-core (WCAG 2.0 / 2.1 A and AA) in the states a cardholder meets besides the
 * default one: stale, offline, paid, declined, overdue and error, in both themes, at
 * the round 466 watch and the phone. Colours that pass on a ready card can fail on a
 * badge that only shows when something went wrong. A stack of its own: "paid" repays
 * the persona's bill and "error" injects a fault.
 */

const stack = setupStack()

type Theme = 'dark' | 'light'
type FrameId = 'watch-round-l' | 'phone'

interface Opened {
  context: BrowserContext
  page: Page
  /** The value of the last online pay code the issuer gave this page. */
  lastCode(): Promise<string>
}

async function open(frameId: FrameId, theme: Theme, path: string): Promise<Opened> {
  const { context, page } = await openInFrame(stack.browser, frame(frameId), 'about:blank')
  const lastCode = recordOnlineCodes(page)
  await page.goto(
    `${stack.server.url}/#/pages/${path}${path.includes('?') ? '&' : '?'}theme=${theme}&lang=zh-CN`,
  )
  return { context, page, lastCode }
}

/** Each state: how to reach it, and the element whose status proves it is on screen. */
const STATES: Record<string, (frameId: FrameId, theme: Theme) => Promise<Opened>> = {
  async stale(frameId, theme) {
    const opened = await open(frameId, theme, 'balance/index?persona=good&masked=0')
    await opened.page.locator('#balance-card[data-status="ready"]').waitFor()
    await opened.context.setOffline(true)
    await opened.page.locator('#balance-refresh').click()
    await opened.page.locator('#balance-card[data-status="stale"]').waitFor({ timeout: 20_000 })
    await opened.page.locator('#stale-badge').waitFor()
    return opened
  },
  async offline(frameId, theme) {
    const opened = await open(frameId, theme, 'pay-code/index?persona=multi-card')
    const seed = opened.page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        /\/pay-codes$/.test(new URL(r.url()).pathname) &&
        r.request().postData()?.includes('"offline"') === true,
    )
    await opened.page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
    expect((await seed).status()).toBe(201)
    // The seed is sealed and stored after its answer arrives (WebCrypto, IndexedDB), with
    // nothing on screen to say so: cut the network only once that has had time to finish.
    await opened.page.waitForTimeout(1500)
    await opened.context.setOffline(true)
    await opened.page.locator('#paycode-card[data-status="offline"]').waitFor({ timeout: 45_000 })
    await opened.page.locator('#paycode-offline').waitFor()
    return opened
  },
  async paid(frameId, theme) {
    const opened = await open(frameId, theme, 'bill/index?persona=good')
    await opened.page.locator('#bill-status[data-status="paid"]').waitFor({ timeout: 15_000 })
    await opened.page.locator('#bill-days-left[data-urgency="paid"]').waitFor()
    return opened
  },
  async declined(frameId, theme) {
    const opened = await open(frameId, theme, 'pay-code/index?persona=maxed')
    await opened.page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
    // The code on screen: its digits on the phone, the issuer's last answer on the round
    // face (which shows no digits).
    let code = await opened.lastCode()
    if (frameId === 'phone') {
      await opened.page.locator('#paycode-reveal').click()
      await opened.page.locator('#paycode-digits[data-masked="false"]').waitFor()
      code = (await opened.page.locator('#paycode-digits').innerText()).replace(/\s/g, '')
    }
    expect(code).toMatch(/^62\d{17}$/)
    const answer = await scan(stack.server.url, code, 'decline', 880_00, 'Apple Store')
    expect(answer.status).toBe(200)
    await opened.page
      .locator('#paycode-result[data-status="declined"]')
      .waitFor({ timeout: 30_000 })
    return opened
  },
  async overdue(frameId, theme) {
    const opened = await open(frameId, theme, 'bill/index?persona=overdue')
    await opened.page
      .locator('#bill-days-left[data-urgency="overdue"]')
      .waitFor({ timeout: 15_000 })
    return opened
  },
  async error(frameId, theme) {
    const api = new SandboxApi(stack.server.url, 'good')
    await setFaults(api.base, [{ route: '/v1/cards/*/balance', status: 503, retry_after_s: 0 }])
    const opened = await open(frameId, theme, 'balance/index?persona=good')
    await opened.page.locator('#balance-card[data-status="error"]').waitFor({ timeout: 20_000 })
    await opened.page.locator('#error-banner').waitFor()
    return opened
  },
}

beforeAll(async () => {
  // "paid": the persona good's statement repaid in full before any page opens.
  const api = new SandboxApi(stack.server.url, 'good')
  const cardId = await api.firstCardId()
  const s = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
  await api.post(
    `/v1/cards/${cardId}/repayments`,
    { amount: s.statement_balance },
    { 'Idempotency-Key': 'a11y-states-paid' },
  )
})

afterEach(async () => {
  await clearFaults(stack.server.url)
})

describe.each(['watch-round-l', 'phone'] as const)('at %s', (frameId) => {
  describe.each(['dark', 'light'] as const)('%s theme', (theme) => {
    test.each(Object.keys(STATES))('%s: no WCAG 2.1 A/AA violation', async (state) => {
      const { context, page } = await STATES[state]!(frameId, theme)
      const { violations, passed } = await runAxe(page)
      if (violations.length) await saveScreenshot(page, `a11y-${state}-${frameId}-${theme}`)
      expect(violations).toEqual([])
      expect(passed).toContain('color-contrast')
      await context.close()
    })
  })
})
