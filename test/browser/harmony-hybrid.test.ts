import fs from 'node:fs'
import path from 'node:path'

import type { Balance, Statement } from '@contract'
import jsQR from 'jsqr'
import type { BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'

import { cnyText } from '../support/money'
import { SandboxApi } from '../support/sandbox-api'
import { scan, setCardLock, setPaymentPin } from '../support/sandbox-controls'
import { saveScreenshot, setupStack } from './support'

// The harmony-hybrid build (`npm run build:harmony-hybrid`) in chromium, with a recording
// stand-in for the ArkWeb container's `window.MethodChannel` (harmony/method-channel.js).

const root = path.resolve(__dirname, '..', '..')
const DIST = process.env.CARDLET_HARMONY_DIST ?? path.join(root, 'dist', 'harmony-hybrid')
const METHOD_CHANNEL = path.join(__dirname, 'harmony', 'method-channel.js')
const PAY_CODE = /^62\d{17}$/
const SCREEN_CALLS = new Set([
  'getScreenBrightness',
  'setScreenBrightness',
  'setKeepScreenOn',
  'onUserCaptureScreen',
  'offUserCaptureScreen',
])

interface NativeCall {
  method: string
  options?: unknown
}

interface ContainerConfig {
  /** Login persona the container's login code signs in as (default good). */
  persona?: string
  brightness?: number
  /** Bridge methods the container does not implement (never answered). */
  missing?: string[]
  /** Bridge methods the container answers with `fail`. */
  failing?: string[]
}

let context: BrowserContext | undefined

beforeAll(() => {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(
      `no harmony-hybrid build at ${DIST}: run \`npm run build:harmony-hybrid\` first`,
    )
  }
})

const stack = setupStack({ distDir: DIST })

afterEach(async () => {
  await context?.close()
  context = undefined
})

/** A 466 × 466 page, as a round watch's ArkWeb window; `container: null` means no bridge. */
async function open(
  route: string,
  container: ContainerConfig | null = {},
  size = { width: 466, height: 466 },
): Promise<Page> {
  context = await stack.browser.newContext({
    viewport: size,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = await context.newPage()
  if (container) {
    await page.addInitScript((config) => {
      ;(window as unknown as { __nativeConfig: unknown }).__nativeConfig = config
    }, container)
    await page.addInitScript({ path: METHOD_CHANNEL })
  }
  await page.goto(`${stack.server.url}/#/pages/${route}/index`)
  return page
}

function nativeCalls(page: Page): Promise<NativeCall[]> {
  return page.evaluate(() => (window as unknown as { __nativeCalls: NativeCall[] }).__nativeCalls)
}

async function screenCalls(page: Page): Promise<NativeCall[]> {
  return (await nativeCalls(page)).filter((call) => SCREEN_CALLS.has(call.method))
}

function nativeScreen(page: Page): Promise<{ brightness: number; keepScreenOn: boolean }> {
  return page.evaluate(
    () =>
      (window as unknown as { __nativeScreen: { brightness: number; keepScreenOn: boolean } })
        .__nativeScreen,
  )
}

async function cardStatus(page: Page, id: string, status: string, timeout = 15_000) {
  await page.locator(`#${id}[data-status="${status}"]`).waitFor({ timeout })
}

/** The QR as a till's scanner sees it, decoded from a screenshot (a few bounded tries). */
async function qrFromScreen(page: Page, name: string): Promise<string> {
  await page.locator('#paycode-qr[data-format="qr"][data-status="drawn"]').waitFor()
  for (let attempt = 1; ; attempt++) {
    const file = await saveScreenshot(page, name)
    const image = PNG.sync.read(fs.readFileSync(file))
    const text = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
    if (text) return text
    if (attempt >= 10) throw new Error(`no QR code in screenshot ${file}`)
    await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(resolve)))
  }
}

test('round 466: the frame comes from the container; three widgets show exact amounts', async () => {
  const api = new SandboxApi(stack.server.url, 'good')
  const cardId = await api.firstCardId()
  const balance = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
  const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)

  // No `frame` parameter: the window size reported by the bridge picks the round frame.
  const page = await open('home')
  const screen = page.locator('.cl-screen')
  await expect(screen.getAttribute('data-frame')).resolves.toBe('watch-round-l')
  await expect(screen.getAttribute('data-theme')).resolves.toBe('dark')
  await expect(screen.evaluate((el) => getComputedStyle(el).borderRadius)).resolves.toBe('50%')

  await cardStatus(page, 'balance-card', 'ready')
  await expect(page.locator('#balance-available').innerText()).resolves.toBe('¥****')
  await page.locator('#balance-mask-toggle').click()
  await expect(page.locator('#balance-available').innerText()).resolves.toBe(
    cnyText(balance.available_credit.amount),
  )
  await cardStatus(page, 'bill-card', 'ready')
  await expect(page.locator('#bill-statement-amount').innerText()).resolves.toBe(
    cnyText(statement.statement_balance.amount),
  )
  await expect(page.locator('#bill-minimum-due').innerText()).resolves.toBe(
    cnyText(statement.minimum_due.amount),
  )
  await expect(page.locator('#bill-status').getAttribute('data-status')).resolves.toBe(
    statement.status,
  )
  await expect(page.locator('#balance-limit').innerText()).resolves.toBe(
    cnyText(balance.credit_limit.amount),
  )
  await expect(page.locator('#balance-current').innerText()).resolves.toBe(
    cnyText(balance.current_balance.amount),
  )
  await saveScreenshot(page, 'harmony-home-watch-round-l')
  // The pay code is below the fold on the round face; its QR is read on its own page below.
  await cardStatus(page, 'paycode-card', 'online')
  await page.locator('#paycode-qr[data-format="qr"][data-status="drawn"]').waitFor()

  // The session came from the container's login and its refresh token went to native storage.
  const calls = await nativeCalls(page)
  expect(calls.filter((call) => call.method === 'login')).toHaveLength(1)
  expect(calls).toContainEqual({
    method: 'setStorage',
    options: { key: 'cardlet.session.refresh', data: expect.stringMatching(/^\{"data":".+"\}$/) },
  })
})

test('pay code: keep-screen-on and brightness go on through the bridge and are restored on leave', async () => {
  const page = await open('pay-code', { brightness: 0.35 })
  await cardStatus(page, 'paycode-card', 'online')
  expect(await qrFromScreen(page, 'harmony-paycode-watch-round-l')).toMatch(PAY_CODE)
  await page.waitForFunction(() =>
    (window as unknown as { __nativeCalls: NativeCall[] }).__nativeCalls.some(
      (call) => call.method === 'onUserCaptureScreen',
    ),
  )
  expect(await screenCalls(page)).toEqual([
    { method: 'getScreenBrightness', options: {} },
    { method: 'setScreenBrightness', options: { value: 1 } },
    { method: 'setKeepScreenOn', options: { keepScreenOn: true } },
    { method: 'onUserCaptureScreen', options: '[function]' },
  ])
  await expect(nativeScreen(page)).resolves.toEqual({ brightness: 1, keepScreenOn: true })

  // Captures are only detected here: a standing warning, then the screenshot is reported.
  const warning = page.locator('#paycode-capture-warning')
  await expect(warning.getAttribute('data-status')).resolves.toBe('unprotected')
  await page.evaluate(() =>
    (window as unknown as { __nativeScreenshot(): void }).__nativeScreenshot(),
  )
  await page.locator('#paycode-capture-warning[data-status="screenshot"]').waitFor()

  // Leaving the page (another page on top) restores what was there before.
  await page.evaluate(() => (window.location.hash = '#/pages/balance/index'))
  await cardStatus(page, 'balance-card', 'ready')
  await page.waitForFunction(() =>
    (window as unknown as { __nativeCalls: NativeCall[] }).__nativeCalls.some(
      (call) =>
        call.method === 'setScreenBrightness' && JSON.stringify(call.options) === '{"value":0.35}',
    ),
  )
  expect((await screenCalls(page)).slice(4)).toEqual([
    { method: 'offUserCaptureScreen', options: '[function]' },
    { method: 'setKeepScreenOn', options: { keepScreenOn: false } },
    { method: 'setScreenBrightness', options: { value: 0.35 } },
  ])
  await expect(nativeScreen(page)).resolves.toEqual({ brightness: 0.35, keepScreenOn: false })
})

test('PIN before the code, then a lock: no code, and the screen given back through the bridge', async () => {
  await setPaymentPin(stack.server.url, 'good', '730195')
  try {
    const page = await open('pay-code', { brightness: 0.4 })
    await cardStatus(page, 'paycode-card', 'check')
    for (const digit of '730195') await page.locator(`#paycode-pin-key-${digit}`).click()
    await cardStatus(page, 'paycode-card', 'online')
    await nativeScreen(page).then((screen) => expect(screen.brightness).toBe(1))
    await page.locator('#card-lock-toggle').click()
    await page.locator('#card-lock-confirm-yes').click()
    await cardStatus(page, 'paycode-card', 'locked')
    await expect(page.locator('#paycode-qr').count()).resolves.toBe(0)
    await page.waitForFunction(() =>
      (window as unknown as { __nativeCalls: NativeCall[] }).__nativeCalls.some(
        (call) =>
          call.method === 'setScreenBrightness' && JSON.stringify(call.options) === '{"value":0.4}',
      ),
    )
    await expect(nativeScreen(page)).resolves.toEqual({ brightness: 0.4, keepScreenOn: false })
    await saveScreenshot(page, 'harmony-paycode-locked-watch-round-l')
  } finally {
    await setCardLock(stack.server.url, 'good', 'card_good_8888', false, '730195')
    await setPaymentPin(stack.server.url, 'good', null, '730195')
  }
})

test('offline pay code after a reload with the network cut, from the seed in native storage', async () => {
  const page = await open('pay-code')
  await cardStatus(page, 'paycode-card', 'online')
  const seedKey = 'cl.paycode.seed:'
  await page.waitForFunction(
    (prefix) =>
      (window as unknown as { __nativeCalls: NativeCall[] }).__nativeCalls.some(
        (call) =>
          call.method === 'setStorage' &&
          String((call.options as { key?: string }).key).startsWith(prefix),
      ),
    seedKey,
  )
  const seedRef = await page.evaluate((prefix) => {
    const store = JSON.parse(
      sessionStorage.getItem('__harmony_native_storage__') ?? '{}',
    ) as Record<string, string>
    const entry = Object.entries(store).find(([key]) => key.startsWith(prefix))
    if (!entry) return undefined
    // Kept with the issuer's clock skew measured online (src/features/pay-code/offline-seed-vault.ts).
    const kept = JSON.parse((JSON.parse(entry[1]) as { data: string }).data) as {
      seed: { seed_ref: string }
      skew_ms: number
    }
    return Number.isInteger(kept.skew_ms) ? kept.seed.seed_ref : undefined
  }, seedKey)
  expect(seedRef).toMatch(/^\d{9}$/)

  // The app's files are in the container's package; only the issuer is out of reach.
  await page.route('**/v1/**', (route) => route.abort('internetdisconnected'))
  await page.reload()
  await cardStatus(page, 'paycode-card', 'offline', 45_000)
  const offline = await qrFromScreen(page, 'harmony-paycode-offline-after-reload')
  expect(offline).toMatch(PAY_CODE)
  expect(offline.slice(2, 11)).toBe(seedRef)
  // After the reload the seed was read back from the container's storage.
  const reads = (await nativeCalls(page)).filter(
    (call) =>
      call.method === 'getStorage' && (call.options as { key: string }).key.startsWith(seedKey),
  )
  expect(reads.length).toBeGreaterThan(0)

  // The till is online: the offline code pays.
  await expect(scan(stack.server.url, offline, 'success', 2_500, '便利蜂')).resolves.toMatchObject({
    status: 200,
    body: { status: 'succeeded' },
  })
})

test('a container without keep-screen-on: the pay code still shows, and nothing is undone that was not done', async () => {
  const page = await open('pay-code', { missing: ['setKeepScreenOn'] })
  await cardStatus(page, 'paycode-card', 'online')
  await page.waitForFunction(
    () =>
      (window as unknown as { __nativeCalls: NativeCall[] }).__nativeCalls.some(
        (call) => call.method === 'onUserCaptureScreen',
      ),
    undefined,
    { timeout: 10_000 },
  )
  await page.evaluate(() => (window.location.hash = '#/pages/balance/index'))
  await page.waitForFunction(() =>
    (window as unknown as { __nativeCalls: NativeCall[] }).__nativeCalls.some(
      (call) => call.method === 'offUserCaptureScreen',
    ),
  )
  await page.waitForFunction(
    () =>
      (window as unknown as { __nativeCalls: NativeCall[] }).__nativeCalls.filter(
        (call) => call.method === 'setScreenBrightness',
      ).length === 2,
  )
  expect(await screenCalls(page)).toEqual([
    { method: 'getScreenBrightness', options: {} },
    { method: 'setScreenBrightness', options: { value: 1 } },
    { method: 'setKeepScreenOn', options: { keepScreenOn: true } },
    { method: 'onUserCaptureScreen', options: '[function]' },
    { method: 'offUserCaptureScreen', options: '[function]' },
    { method: 'setScreenBrightness', options: { value: 0.4 } },
  ])
})

test('a failed container login: every widget shows its error with a retry, none keeps loading', async () => {
  const page = await open('home', { failing: ['login'] })
  for (const id of ['balance-card', 'paycode-card', 'bill-card']) {
    await cardStatus(page, id, 'error')
  }
  await expect(page.locator('#error-banner').count()).resolves.toBe(3)
  expect((await nativeCalls(page)).filter((call) => call.method === 'login')).toHaveLength(1)
})

test('outside a container (no bridge): the build falls back to the web and still works', async () => {
  const page = await open('home', null)
  await expect(page.locator('.cl-screen').getAttribute('data-frame')).resolves.toBe('watch-round-l')
  await cardStatus(page, 'balance-card', 'ready')
  await cardStatus(page, 'bill-card', 'ready')
  await cardStatus(page, 'paycode-card', 'online')
  // No keep-on or brightness without the container: the standing capture warning.
  await expect(page.locator('#paycode-capture-warning').getAttribute('data-status')).resolves.toBe(
    'unprotected',
  )
})
