import { frame, openInFrame, setupStack } from './support'

/**
 * A phone follows the system's light/dark setting (`prefers-color-scheme` on the web
 * builds), and changes with it while open; a watch face stays dark; `?theme=` still pins.
 */

const stack = setupStack()

const theme = (page: import('playwright-core').Page) =>
  page.locator('[data-theme]').first().getAttribute('data-theme')

test('phone: dark when the system is dark, light again when it changes back', async () => {
  const { context, page } = await openInFrame(stack.browser, frame('phone'), 'about:blank')
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto(`${stack.server.url}/#/pages/balance/index?persona=good`)
  await page.locator('#balance-card[data-status="ready"]').waitFor({ timeout: 15_000 })
  await expect(theme(page)).resolves.toBe('dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await page.locator('[data-theme="light"]').first().waitFor()
  await context.close()
})

test('watch: dark whatever the system says; a pinned theme wins on a phone', async () => {
  const watch = await openInFrame(stack.browser, frame('watch-round-l'), 'about:blank')
  await watch.page.emulateMedia({ colorScheme: 'light' })
  await watch.page.goto(`${stack.server.url}/#/pages/balance/index?persona=good`)
  await watch.page.locator('#balance-card:not([data-status="loading"])').waitFor()
  await expect(theme(watch.page)).resolves.toBe('dark')
  await watch.context.close()

  const phone = await openInFrame(stack.browser, frame('phone'), 'about:blank')
  await phone.page.emulateMedia({ colorScheme: 'dark' })
  await phone.page.goto(`${stack.server.url}/#/pages/balance/index?persona=good&theme=light`)
  await phone.page.locator('#balance-card:not([data-status="loading"])').waitFor()
  await expect(theme(phone.page)).resolves.toBe('light')
  await phone.context.close()
})
