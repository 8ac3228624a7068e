import { SandboxApi } from '../support/sandbox-api'
import { clearFaults, setFaults } from '../support/sandbox-controls'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'

/** The H5 app against a fault-injected sandbox: clear error states with a way forward. */
const stack = setupStack()

test.each(['phone', 'watch-round-l'] as const)(
  '%s: a failing issuer shows the error banner; its retry recovers',
  async (frameId) => {
    const api = new SandboxApi(stack.server.url, 'good')
    await setFaults(api.base, [{ route: '/v1/cards/*/balance', status: 503, retry_after_s: 0 }])
    const { page, context } = await openInFrame(
      stack.browser,
      frame(frameId),
      `${stack.server.url}/#/pages/balance/index?persona=good&masked=0`,
    )
    await page.locator('#balance-card[data-status="error"]').waitFor({ timeout: 20_000 })
    await expect(page.locator('#error-banner').getAttribute('data-status')).resolves.toBe(
      'unavailable',
    )
    await expect(page.locator('#error-banner .cl-error-banner__message').innerText()).resolves.toBe(
      '服务暂时不可用',
    )
    await saveScreenshot(page, `faults-error-${frameId}`)

    await clearFaults(stack.server.url)
    await page.locator('#error-banner .cl-error-banner__action').click()
    await page.locator('#balance-card[data-status="ready"]').waitFor()
    await expect(page.locator('#balance-available').innerText()).resolves.toBe('¥46,114.57')
    await expect(page.locator('#error-banner').count()).resolves.toBe(0)
    await context.close()
  },
)

test('a malformed answer is an error state, never a half-drawn card', async () => {
  await setFaults(stack.server.url, [{ route: '/v1/cards/*/balance', body: 'missing_field' }])
  const { page, context } = await openInFrame(
    stack.browser,
    frame('phone'),
    `${stack.server.url}/#/pages/balance/index?persona=good`,
  )
  await page.locator('#balance-card[data-status="error"]').waitFor({ timeout: 20_000 })
  await expect(page.locator('#error-banner').getAttribute('data-status')).resolves.toBe('malformed')
  await expect(page.locator('#balance-available').count()).resolves.toBe(0)
  await clearFaults(stack.server.url)
  await context.close()
})

describe.each([
  ['a malformed body', { body: 'malformed' }],
  ['a truncated body', { body: 'truncated' }],
  ['a missing field', { body: 'missing_field' }],
  ['the wrong content type', { content_type: 'text/html' }],
] as const)('a first answer with %s', (_name, fault) => {
  test('Retry recovers once the issuer is fine: the bad body is never reused', async () => {
    await setFaults(stack.server.url, [{ route: '/v1/cards/*/balance', ...fault }])
    const { page, context } = await openInFrame(
      stack.browser,
      frame('phone'),
      `${stack.server.url}/#/pages/balance/index?persona=good&masked=0`,
    )
    await page.locator('#balance-card[data-status="error"]').waitFor({ timeout: 20_000 })
    await expect(page.locator('#error-banner').getAttribute('data-status')).resolves.toBe(
      'malformed',
    )
    await clearFaults(stack.server.url)
    const asked = page.waitForRequest((r) => /\/balance$/.test(new URL(r.url()).pathname))
    await page.locator('#error-banner .cl-error-banner__action').click()
    // The retry does not offer the bad answer's validator back to the issuer.
    expect((await asked).headers()['if-none-match']).toBeUndefined()
    await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 10_000 })
    await expect(page.locator('#balance-available').innerText()).resolves.toBe('¥46,114.57')
    await context.close()
  })
})

test('offline is shown as soon as the browser says the network is gone, on every widget', async () => {
  const { page, context } = await openInFrame(
    stack.browser,
    frame('phone'),
    `${stack.server.url}/#/pages/home/index?persona=good&masked=0&lang=en-US`,
  )
  await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  await page.locator('#bill-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  // No tap, no refresh interval: the `offline` event alone.
  await context.setOffline(true)
  await page.locator('#balance-card[data-status="stale"]').waitFor({ timeout: 2_000 })
  await page.locator('#bill-card[data-status="stale"]').waitFor({ timeout: 2_000 })
  await expect(
    page.locator('#balance-card #error-banner').getAttribute('data-status'),
  ).resolves.toBe('network')
  await expect(page.locator('#balance-card #stale-badge').isVisible()).resolves.toBe(true)
  await expect(page.locator('#balance-available').innerText()).resolves.toBe('CN¥46,114.57')
  await page
    .locator('#paycode-card[data-status="offline"], #paycode-card[data-status="error"]')
    .waitFor({ timeout: 2_000 })
  await saveScreenshot(page, 'faults-offline-at-once-phone')
  // And cleared when it returns.
  await context.setOffline(false)
  await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 10_000 })
  await page.locator('#bill-card[data-status="ready"]').waitFor({ timeout: 10_000 })
  await expect(page.locator('#stale-badge').count()).resolves.toBe(0)
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 10_000 })
  await context.close()
})

test('offline: the last-known balance stays on screen, marked stale', async () => {
  const { page, context } = await openInFrame(
    stack.browser,
    frame('watch-round-l'),
    `${stack.server.url}/#/pages/balance/index?persona=good&masked=0`,
  )
  await page.locator('#balance-card[data-status="ready"]').waitFor()
  await context.setOffline(true)
  await page.locator('#balance-refresh').click()
  await page.locator('#balance-card[data-status="stale"]').waitFor({ timeout: 20_000 })
  await expect(page.locator('#stale-badge').isVisible()).resolves.toBe(true)
  await expect(page.locator('#balance-available').innerText()).resolves.toBe('¥46,114.57')
  await expect(page.locator('#error-banner').getAttribute('data-status')).resolves.toBe('network')
  await saveScreenshot(page, 'faults-stale-watch-round-l')
  // The network back, the app retries by itself (no tap on Retry needed).
  await context.setOffline(false)
  await page.locator('#balance-card[data-status="ready"]').waitFor()
  await expect(page.locator('#stale-badge').count()).resolves.toBe(0)
  await context.close()
})
