import type { BrowserContext, Page } from 'playwright-core'

import {
  clearPinLockouts,
  resetSandbox,
  scan,
  setCardLock,
  setPaymentPin,
} from '../support/sandbox-controls'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'
import { recordOnlineCodes } from './till'

// Card lock and the payment PIN in the H5 build, against the sandbox over HTTP.

const stack = setupStack()
let context: BrowserContext | undefined

beforeEach(async () => {
  await resetSandbox(stack.server.url)
})

afterEach(async () => {
  await context?.close()
  context = undefined
})

async function open(
  frameId: 'phone' | 'watch-round-s',
  page: 'pay-code' | 'balance',
  options: { lang?: string; theme?: string } = {},
): Promise<Page> {
  const opened = await openInFrame(stack.browser, frame(frameId), 'about:blank')
  context = opened.context
  const query = new URLSearchParams({ persona: 'good', lang: 'en-US', ...options }).toString()
  await opened.page.goto(`${stack.server.url}/#/pages/${page}/index?${query}`)
  return opened.page
}

/** Counts the lock calls the page makes (a double tap must make one). */
function lockCalls(page: Page): () => number {
  let calls = 0
  page.on('request', (request) => {
    if (request.method() === 'PUT' && /\/lock$/.test(new URL(request.url()).pathname)) calls += 1
  })
  return () => calls
}

async function typePin(page: Page, pad: string, pin: string): Promise<void> {
  for (const digit of pin) await page.locator(`#${pad}-key-${digit}`).click()
}

test('lock from the pay code: the code leaves the screen and the issuer; unlock pays again', async () => {
  const page = await open('phone', 'pay-code')
  const lastCode = recordOnlineCodes(page)
  const calls = lockCalls(page)
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  await expect(page.locator('#card-lock').getAttribute('data-status')).resolves.toBe('unlocked')
  const shown = await lastCode()

  await page.locator('#card-lock-toggle').click()
  await expect(page.locator('#card-lock-confirm').innerText()).resolves.toContain(
    'Lock card ··8888? Every payment is declined until you unlock it.',
  )
  await saveScreenshot(page, 'card-lock-confirm-phone')
  // A double tap on the confirmation locks once.
  await page.locator('#card-lock-confirm-yes').dblclick()
  await page.locator('#card-lock[data-status="locked"]').waitFor()
  await page.locator('#paycode-card[data-status="locked"]').waitFor()
  expect(calls()).toBe(1)
  await expect(page.locator('#paycode-locked').innerText()).resolves.toBe(
    'Card locked\nPayments are declined until you unlock it',
  )
  await expect(page.locator('#paycode-qr').count()).resolves.toBe(0)

  // The code that was on screen went with it: the widget revoked it.
  const refused = await scan(stack.server.url, shown, 'success', 1_200, 'Till')
  expect(refused).toEqual({ status: 410, body: expect.objectContaining({ code: 'code_revoked' }) })

  await page.locator('#card-lock-toggle').dblclick()
  await page.locator('#card-lock[data-status="unlocked"]').waitFor()
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  expect(calls()).toBe(2)
  const fresh = await lastCode()
  expect(fresh).not.toBe(shown)
  const paid = await scan(stack.server.url, fresh, 'success', 1_200, 'Till')
  expect(paid.body).toEqual(expect.objectContaining({ status: 'succeeded' }))
})

test('locked elsewhere: the code on screen is declined card_locked, and the widget learns the lock', async () => {
  const page = await open('phone', 'pay-code')
  const lastCode = recordOnlineCodes(page)
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  const shown = await lastCode()
  await setCardLock(stack.server.url, 'good', 'card_good_8888', true)

  const declined = await scan(stack.server.url, shown, 'success', 1_200, 'Till')
  expect(declined).toEqual({
    status: 200,
    body: expect.objectContaining({ status: 'declined', decline_reason: 'card_locked' }),
  })
  await page.locator('#paycode-result[data-status="declined"]').waitFor({ timeout: 30_000 })
  await expect(page.locator('#paycode-result').innerText()).resolves.toContain('The card is locked')
  // The next code is refused (409 card_locked): the widget shows the lock, not a code.
  await page.locator('#paycode-card[data-status="locked"]').waitFor({ timeout: 15_000 })
  await page.locator('#card-lock[data-status="locked"]').waitFor()
  await expect(page.locator('#paycode-qr').count()).resolves.toBe(0)
})

test('the balance says the card is locked and unlocks it behind the PIN', async () => {
  await setPaymentPin(stack.server.url, 'good', '730195')
  const page = await open('phone', 'balance', { lang: 'zh-CN' })
  await page.locator('#balance-available').waitFor()
  await page.locator('#card-lock-toggle').click()
  await page.locator('#card-lock-confirm-yes').click()
  await page.locator('#card-lock[data-status="locked"]').waitFor()
  await expect(page.locator('#balance-locked').innerText()).resolves.toBe('卡片已锁定')

  await page.locator('#card-lock-toggle').click()
  await page.locator('#card-lock-pin').waitFor()
  await typePin(page, 'card-lock-pin', '111111')
  await expect(page.locator('#card-lock-pin-message').innerText()).resolves.toBe(
    '密码错误，还可尝试 4 次',
  )
  await typePin(page, 'card-lock-pin', '730195')
  await page.locator('#card-lock[data-status="unlocked"]').waitFor()
  await expect(page.locator('#balance-locked').count()).resolves.toBe(0)
})

test('with a PIN set, no code shows until the PIN; wrong PINs count down, lock entry, and the control clears it', async () => {
  await setPaymentPin(stack.server.url, 'good', '730195')
  const page = await open('watch-round-s', 'pay-code', { theme: 'dark' })
  await page.locator('#paycode-card[data-status="check"]').waitFor({ timeout: 15_000 })
  await expect(page.locator('#paycode-qr').count()).resolves.toBe(0)
  const pad = page.locator('#paycode-pin')
  await pad.waitFor()
  // Every key is a tap target of at least 48 px, inside the 384 px circle.
  for (const key of ['1', '5', '9', '0']) {
    const box = await page.locator(`#paycode-pin-key-${key}`).boundingBox()
    expect(box!.width).toBeGreaterThanOrEqual(48)
    expect(box!.height).toBeGreaterThanOrEqual(48)
    const dx = box!.x + box!.width / 2 - 192
    const dy = box!.y + box!.height / 2 - 192
    expect(Math.hypot(dx, dy) + box!.width / 2).toBeLessThanOrEqual(192)
  }
  await saveScreenshot(page, 'paycode-pin-watch-round-s-dark')

  for (const left of [4, 3, 2, 1]) {
    await typePin(page, 'paycode-pin', '000000')
    await expect(page.locator('#paycode-pin-message').innerText()).resolves.toBe(
      `Wrong PIN: ${left} tries left`,
    )
  }
  await typePin(page, 'paycode-pin', '000000')
  await expect(page.locator('#paycode-pin-message').innerText()).resolves.toMatch(
    /^Too many wrong PINs: try again at \d{2}:\d{2}$/,
  )
  // Locked: even the right PIN is refused.
  await typePin(page, 'paycode-pin', '730195')
  await expect(page.locator('#paycode-pin-message').innerText()).resolves.toMatch(
    /^Too many wrong PINs/,
  )
  await expect(page.locator('#paycode-card').getAttribute('data-status')).resolves.toBe('check')

  await expect(clearPinLockouts(stack.server.url)).resolves.toBe(1)
  await page.locator('#paycode-pin-delete').click()
  await typePin(page, 'paycode-pin', '730195')
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  await page.locator('#paycode-qr[data-status="drawn"]').waitFor()
  await expect(page.locator('#paycode-pin').count()).resolves.toBe(0)
  await saveScreenshot(page, 'paycode-after-pin-watch-round-s-dark')
})

test('the PIN is set, changed and removed from the home page, and never travels in a URL', async () => {
  const page = await open('phone', 'pay-code')
  const urls: string[] = []
  page.on('request', (request) => urls.push(request.url()))
  await page.goto(`${stack.server.url}/#/pages/home/index?persona=good&lang=en-US`)
  await page.locator('#pin-settings[data-status="off"]').waitFor({ timeout: 15_000 })
  await page.locator('#pin-settings-set').click()
  await typePin(page, 'pin-settings-pad', '246810')
  await typePin(page, 'pin-settings-pad', '246811')
  await expect(page.locator('#pin-settings-pad-message').innerText()).resolves.toBe(
    'The PINs differ: start again',
  )
  await typePin(page, 'pin-settings-pad', '246810')
  await typePin(page, 'pin-settings-pad', '246810')
  await page.locator('#pin-settings[data-status="on"]').waitFor()

  // Change: the current PIN first (a wrong one counts), then the new one twice.
  await page.locator('#pin-settings-change').click()
  await typePin(page, 'pin-settings-pad', '999999')
  await typePin(page, 'pin-settings-pad', '135790')
  await typePin(page, 'pin-settings-pad', '135790')
  await expect(page.locator('#pin-settings-pad-message').innerText()).resolves.toBe(
    'Wrong PIN: 4 tries left',
  )
  await typePin(page, 'pin-settings-pad', '246810')
  await typePin(page, 'pin-settings-pad', '135790')
  await typePin(page, 'pin-settings-pad', '135790')
  await page.locator('#pin-settings-pad').waitFor({ state: 'detached' })

  // The pay code on the home page now asks for the new PIN.
  await page.locator('#paycode-card[data-status="check"]').waitFor({ timeout: 15_000 })
  await page.locator('#paycode-pin-open').click()
  await typePin(page, 'paycode-pin', '135790')
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })

  await page.locator('#pin-settings-remove').click()
  await typePin(page, 'pin-settings-pad', '135790')
  await page.locator('#pin-settings[data-status="off"]').waitFor()
  for (const url of urls) expect(url).not.toMatch(/246810|135790|999999/)
})

/** The pay-code page with its service worker, its offline seed stored once it came. */
async function openOnceForOffline(): Promise<{
  context: BrowserContext
  url: string
  seed: { pin_check?: { salt: string; digest: string } }
}> {
  const url = `${stack.server.url}/#/pages/pay-code/index?persona=good&lang=en-US`
  const opened = await openInFrame(stack.browser, frame('phone'), 'about:blank', {
    serviceWorkers: 'allow',
  })
  context = opened.context
  const page = opened.page
  const seeded = page.waitForResponse(
    (r) =>
      r.request().method() === 'POST' &&
      /\/pay-codes$/.test(new URL(r.url()).pathname) &&
      r.request().postData()?.includes('"offline"') === true,
    { timeout: 30_000 },
  )
  await page.goto(url)
  await page.locator('#paycode-card[data-status="online"], #paycode-pin').first().waitFor({
    timeout: 15_000,
  })
  if (await page.locator('#paycode-pin').count()) await typePin(page, 'paycode-pin', '730195')
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  const seed = (await (await seeded).json()) as { pin_check?: { salt: string; digest: string } }
  await page.evaluate(async () => navigator.serviceWorker.ready)
  // Sealed and stored once answered (offline-start.test.ts: the same wait).
  await page.waitForTimeout(1_500)
  return { context: opened.context, url, seed }
}

test('offline after a cold start, a PIN-holder’s code waits for the PIN, checked on the device', async () => {
  await setPaymentPin(stack.server.url, 'good', '730195')
  const { context: ctx, url, seed } = await openOnceForOffline()
  expect(seed.pin_check?.digest).toMatch(/^[0-9a-f]{64}$/)
  for (const page of ctx.pages()) await page.close()

  await ctx.setOffline(true)
  const cold = await ctx.newPage()
  const requests: string[] = []
  cold.on('request', (request) => requests.push(request.url()))
  await cold.goto(url)
  await cold.locator('#paycode-card[data-status="check"]').waitFor({ timeout: 20_000 })
  await expect(cold.locator('#paycode-qr').count()).resolves.toBe(0)
  await expect(cold.locator('#paycode-pin-message').innerText()).resolves.toBe('Offline code')
  await typePin(cold, 'paycode-pin', '000000')
  await expect(cold.locator('#paycode-pin-message').innerText()).resolves.toBe(
    'Wrong PIN: 4 tries left',
  )
  await typePin(cold, 'paycode-pin', '730195')
  await cold.locator('#paycode-card[data-status="offline"]').waitFor({ timeout: 10_000 })
  await cold.locator('#paycode-qr[data-status="drawn"]').waitFor()
  await saveScreenshot(cold, 'paycode-offline-after-pin-phone')
  for (const url of requests) expect(url).not.toMatch(/730195|000000/)
})

test('offline after a cold start, a card locked on this device draws no code from its seed', async () => {
  const { context: ctx, url } = await openOnceForOffline()
  const page = ctx.pages()[0]!
  await page.locator('#card-lock-toggle').click()
  await page.locator('#card-lock-confirm-yes').click()
  await page.locator('#paycode-card[data-status="locked"]').waitFor()
  // The lock is in the cached card list once it is written (the same wait as the seed's).
  await page.waitForTimeout(1_500)
  await page.close()

  await ctx.setOffline(true)
  const cold = await ctx.newPage()
  await cold.goto(url)
  await cold.locator('#paycode-card[data-status="locked"]').waitFor({ timeout: 20_000 })
  await expect(cold.locator('#paycode-qr').count()).resolves.toBe(0)
  await expect(cold.locator('#paycode-offline').count()).resolves.toBe(0)
})
