import type { BrowserContext, Page, Response } from 'playwright-core'

import { offlinePayCode, type OfflineSeed } from '@/lib/totp'

import { clearFaults, resetSandbox, sandboxNow, scan, setFaults } from '../support/sandbox-controls'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'

/**
 * The H5 build under a bad network: after a scan, an offline cold start, the
 * network coming back, and what survives a restart on H5.
 */
let context: BrowserContext | undefined

const stack = setupStack()

afterEach(async () => {
  await context?.close()
  context = undefined
  await clearFaults(stack.server.url)
  // A scan moves money: every test starts from the seeded figures.
  await resetSandbox(stack.server.url)
})

const isPayCodePost = (mode: 'online' | 'offline') => (r: Response) =>
  r.request().method() === 'POST' &&
  /\/pay-codes$/.test(new URL(r.url()).pathname) &&
  r.request().postData()?.includes(`"${mode}"`) === true

/** The last four digits the (masked) digits line shows. */
async function lastFour(page: Page): Promise<string> {
  return (await page.locator('#paycode-digits').innerText()).replace(/\D/g, '').slice(-4)
}

test('503s on the result poll right after a scan: the used code leaves within the poll backoff', async () => {
  // The first result poll meets ~3 s of 503s (Retry-After 1, the transport's 4 attempts).
  await setFaults(stack.server.url, [
    { route: '/v1/pay-codes/*', method: 'GET', status: 503, retry_after_s: 1, times: 4 },
  ])
  const opened = await openInFrame(stack.browser, frame('phone'), 'about:blank')
  context = opened.context
  const page = opened.page
  const first = page.waitForResponse(isPayCodePost('online'))
  await page.goto(`${stack.server.url}/#/pages/pay-code/index?persona=good`)
  const used = ((await (await first).json()) as { code: string }).code
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  const next = page.waitForResponse(isPayCodePost('online'), { timeout: 20_000 })
  expect((await scan(stack.server.url, used, 'success', 2_800, '7-Eleven')).status).toBe(200)
  const scannedAt = Date.now()

  const fresh = ((await (await next).json()) as { code: string }).code
  await page.waitForFunction(
    (four) =>
      document.querySelector('#paycode-digits')?.textContent?.replace(/\D/g, '').endsWith(four),
    fresh.slice(-4),
    { timeout: 10_000 },
  )
  const onScreenMs = Date.now() - scannedAt
  await page.locator('#paycode-result[data-status="succeeded"]').waitFor({ timeout: 10_000 })
  await saveScreenshot(page, 'resilience-paycode-after-503s')
  process.stdout.write(
    `used code on screen after the scan, through ~3 s of 503s: ${onScreenMs} ms\n`,
  )
  // 3 s of 503s, then the poll's first retry (1 s) learns the code was used.
  expect(onScreenMs).toBeLessThan(8_000)
  expect(await lastFour(page)).toBe(fresh.slice(-4))
}, 60_000)

describe('a cold start without the issuer', () => {
  async function coldStartUnreachable(): Promise<Page> {
    const opened = await openInFrame(stack.browser, frame('watch-round-l'), 'about:blank')
    context = opened.context
    const page = opened.page
    await page.route('**/v1/**', (route) => route.abort('internetdisconnected'))
    await page.goto(`${stack.server.url}/#/pages/balance/index?persona=good&masked=0`)
    await page.locator('#balance-card[data-status="error"]').waitFor({ timeout: 30_000 })
    await expect(page.locator('#error-banner').getAttribute('data-status')).resolves.toBe('network')
    return page
  }

  test('the network back, Retry reads the balance: not "You were signed out"', async () => {
    const page = await coldStartUnreachable()
    await page.unroute('**/v1/**')
    await page.locator('#error-banner .cl-error-banner__action').click()
    await page
      .locator('#balance-card:is([data-status="ready"], [data-status="signed_out"])')
      .waitFor()
    await expect(page.locator('#balance-card').getAttribute('data-status')).resolves.toBe('ready')
    await expect(page.locator('#balance-available').innerText()).resolves.toBe('¥46,114.57')
  }, 60_000)

  test('the platform says the network is back: the app retries by itself', async () => {
    const page = await coldStartUnreachable()
    await context!.setOffline(true)
    await page.unroute('**/v1/**')
    await context!.setOffline(false) // fires the window's `online` event
    await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 15_000 })
    await expect(page.locator('#balance-available').innerText()).resolves.toBe('¥46,114.57')
  }, 60_000)
})

test('H5 keeps the seed and the refresh token sealed: an offline cold start has a pay code', async () => {
  const opened = await openInFrame(stack.browser, frame('phone'), 'about:blank')
  context = opened.context
  const first = opened.page
  const provisioned = first.waitForResponse(isPayCodePost('offline'))
  await first.goto(`${stack.server.url}/#/pages/pay-code/index?persona=good`)
  const seed = (await (await provisioned).json()) as OfflineSeed
  await first.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  // The seed is written once provisioned; wait for it rather than for time.
  await first.waitForFunction(
    () => Object.keys(localStorage).some((k) => k.includes('cl.paycode.seed:')),
    undefined,
    { timeout: 10_000 },
  )
  const stored = await first.evaluate(async () => {
    const entries = Object.keys(localStorage)
      .filter((k) => k.startsWith('cl.sealed.'))
      .map((k) => [k, localStorage.getItem(k) ?? ''] as const)
    const key = await new Promise<CryptoKey | undefined>((resolve, reject) => {
      const request = indexedDB.open('cardlet-keys')
      request.onerror = () => reject(request.error)
      request.onsuccess = () => {
        const read = request.result
          .transaction('keys')
          .objectStore('keys')
          .get('secure-store.aes-gcm')
        read.onsuccess = () => resolve(read.result as CryptoKey | undefined)
        read.onerror = () => reject(read.error)
      }
    })
    const exported = key
      ? await crypto.subtle.exportKey('raw', key).then(
          () => 'exported',
          (e: unknown) => (e as Error).name,
        )
      : 'no key'
    return { entries, extractable: key?.extractable, exported, algorithm: key?.algorithm }
  })
  expect(stored.entries.map(([k]) => k).sort()).toEqual([
    'cl.sealed.cardlet.session.refresh',
    'cl.sealed.cl.paycode.seed-cards',
    'cl.sealed.cl.paycode.seed:card_good_8888',
  ])
  // Ciphertext only: neither the seed's secret nor its reference is readable.
  const raw = stored.entries.map(([, v]) => v).join('\n')
  expect(raw.includes(seed.secret)).toBe(false)
  expect(raw.includes(seed.seed_ref)).toBe(false)
  expect(stored).toMatchObject({
    extractable: false,
    exported: 'InvalidAccessError',
    algorithm: { name: 'AES-GCM', length: 256 },
  })
  await first.close()

  // A cold start with no issuer: the stored seed draws the offline code.
  const page = await context.newPage()
  await page.route('**/v1/**', (route) => route.abort('internetdisconnected'))
  await page.goto(`${stack.server.url}/#/pages/pay-code/index?persona=good`)
  await page.locator('#paycode-card[data-status="offline"]').waitFor({ timeout: 45_000 })
  const now = await sandboxNow(stack.server.url)
  const candidates = [-30_000, 0, 30_000].map((d) => offlinePayCode(seed, now + d).slice(-4))
  expect(candidates).toContain(await lastFour(page))
  await saveScreenshot(page, 'resilience-offline-cold-start')
  await page.close()

  // A cold start with the issuer: the stored refresh token resumes the session.
  const back = await context.newPage()
  const auth: string[] = []
  back.on('request', (r) => {
    const { pathname } = new URL(r.url())
    if (pathname.startsWith('/v1/auth/')) auth.push(`${r.method()} ${pathname}`)
  })
  // The cached figures may be on screen first: wait for the balance the session fetched.
  const fetched = back.waitForResponse(
    (r) => new URL(r.url()).pathname.endsWith('/balance') && r.status() < 400,
    { timeout: 15_000 },
  )
  await back.goto(`${stack.server.url}/#/pages/balance/index?persona=good&masked=0`)
  await fetched
  await back.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  expect(auth).toEqual(['POST /v1/auth/refresh'])
}, 120_000)
