import { frame, openInFrame, saveScreenshot, setupStack } from './support'

/**
 * The H5 build opens with no network: its Workbox service worker
 * precaches the app shell, so after one visit a cold start offline draws the offline pay
 * code from the stored seed. Issuer answers are never in its caches.
 */
const stack = setupStack()

test('after one visit, a cold start with no network opens the app and shows the offline code', async () => {
  const url = `${stack.server.url}/#/pages/pay-code/index?persona=good&lang=en-US`
  const { context, page } = await openInFrame(stack.browser, frame('phone'), 'about:blank', {
    serviceWorkers: 'allow',
  })
  // The seed is provisioned a second after the first code (a POST asking for `offline`).
  const seeded = page.waitForResponse(
    (r) =>
      r.request().method() === 'POST' &&
      /\/pay-codes$/.test(new URL(r.url()).pathname) &&
      r.request().postData()?.includes('"offline"') === true,
    { timeout: 20_000 },
  )
  await page.goto(url)
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  expect((await seeded).status()).toBe(201)
  // The worker is installed and active (it controls the next start, not this one).
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
  expect(scope).toBe(`${stack.server.url}/`)
  // Sealed and stored once answered (a11y-states: the same wait).
  await page.waitForTimeout(1_500)
  await page.close()

  await context.setOffline(true)
  const cold = await context.newPage()
  await cold.goto(url)
  await cold.locator('#paycode-card[data-status="offline"]').waitFor({ timeout: 20_000 })
  await cold.locator('#paycode-qr[data-status="drawn"]').waitFor()
  await expect(cold.locator('#paycode-offline').innerText()).resolves.toBe(
    'No connection: this code works offline',
  )
  await saveScreenshot(cold, 'offline-cold-start-phone')

  // What the worker holds: the shell, never an issuer answer.
  const cached = await cold.evaluate(async () => {
    const urls: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url)
    }
    return urls
  })
  expect(cached.some((u) => /\/index\.html/.test(u))).toBe(true)
  expect(cached.some((u) => /\/js\/app\.[0-9a-f]{8}\.js/.test(u))).toBe(true)
  expect(cached.filter((u) => new URL(u).pathname.startsWith('/v1/'))).toEqual([])
  // Back online, the refresh asks the issuer at once. (Chromium sends no `online` event to
  // a page that was opened under offline emulation, so the test taps.)
  await context.setOffline(false)
  await cold.locator('#paycode-refresh').click()
  await cold.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  await context.close()
})
