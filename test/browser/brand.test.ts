import fs from 'node:fs'
import path from 'node:path'

import { taroBuild } from '../../tools/lib/taro-build'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'

const root = path.resolve(__dirname, '..', '..')
const BRAND_FILE = path.join(root, 'test', 'fixtures', 'brand-example-bank.json')
const BRAND_DIST = path.join(root, 'dist', 'h5-brand')
const brand = JSON.parse(fs.readFileSync(BRAND_FILE, 'utf8'))

/** `#rrggbb` as the browser reports a computed colour. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16))
  return `rgb(${r}, ${g}, ${b})`
}

describe('a changed brand file reaches the H5 build', () => {
  // A build of its own (dist/h5-brand) from the fixture brand, through CARDLET_BRAND;
  // registered before the stack's own hooks, so the stack serves it.
  beforeAll(
    () =>
      taroBuild('h5', {
        outDir: BRAND_DIST,
        env: { CARDLET_BRAND: path.relative(root, BRAND_FILE) },
        stdout: 'ignore',
      }),
    300_000,
  )
  const stack = setupStack({ distDir: BRAND_DIST })

  test('display name in the document and page titles', async () => {
    const html = fs.readFileSync(path.join(BRAND_DIST, 'index.html'), 'utf8')
    expect(html).toContain('<title>Example Bank</title>')

    const { context, page } = await openInFrame(
      stack.browser,
      frame('phone'),
      `${stack.server.url}/#/pages/home/index`,
    )
    await page.locator('#balance-card').waitFor({ state: 'visible' })
    await page.waitForFunction(() => document.title === 'Example Bank')
    expect(await page.title()).toBe(brand.displayName)
    await context.close()
  })

  test('light colours on the phone: tokens, accent text and the primary button', async () => {
    const { context, page } = await openInFrame(
      stack.browser,
      frame('phone'),
      `${stack.server.url}/#/pages/bill/index`,
    )
    const button = page.locator('#bill-repay-full')
    await button.waitFor({ state: 'visible' })
    const seen = await page.evaluate(() => {
      const screen = getComputedStyle(document.querySelector('.cl-screen')!)
      const repay = getComputedStyle(document.querySelector('#bill-repay-full')!)
      return {
        accent: screen.getPropertyValue('--cl-accent').trim(),
        primary: screen.getPropertyValue('--cl-primary').trim(),
        button: `${repay.backgroundColor} ${repay.backgroundImage}`,
        label: repay.color,
      }
    })
    expect(seen.accent).toBe(brand.colors.light.accent)
    expect(seen.primary).toBe(brand.colors.light.primary)
    expect(seen.button).toContain(rgb(brand.colors.light.primary))
    // White on the fixture's dark red (#8a1538): the contrast src/theme/tokens.scss picks.
    expect(seen.label).toBe('rgb(255, 255, 255)')
    await saveScreenshot(page, 'brand-bill-phone')
    await context.close()
  })

  test('dark colours on the round watch', async () => {
    const { context, page } = await openInFrame(
      stack.browser,
      frame('watch-round-l'),
      `${stack.server.url}/#/pages/home/index`,
    )
    await page.locator('#balance-card').waitFor({ state: 'visible' })
    const seen = await page.evaluate(() => {
      const screen = getComputedStyle(document.querySelector('.cl-screen')!)
      return {
        theme: document.querySelector('.cl-screen')!.getAttribute('data-theme'),
        accent: screen.getPropertyValue('--cl-accent').trim(),
        primary: screen.getPropertyValue('--cl-primary').trim(),
        onPrimary: screen.getPropertyValue('--cl-on-primary').trim(),
      }
    })
    expect(seen).toEqual({
      theme: 'dark',
      accent: brand.colors.dark.accent,
      primary: brand.colors.dark.primary,
      // Black (minified) on the fixture's light pink (#ff9eb5): white would fail WCAG AA.
      onPrimary: '#000',
    })
    await context.close()
  })

  test.each([
    ['good', 'Cardlet 金卡'],
    ['overdue', 'Cardlet Visa'],
  ])(
    'card art: persona %s (%s) in its product colour, or the default',
    async (persona, product) => {
      const { context, page } = await openInFrame(
        stack.browser,
        frame('phone'),
        `${stack.server.url}/#/pages/balance/index?persona=${persona}`,
      )
      const art = page.locator('#balance-card-switcher .cl-card-switcher__art')
      await art.waitFor({ state: 'visible' })
      const colour = brand.cardArt.products[product] ?? brand.cardArt.default
      expect(await art.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(colour))
      await context.close()
    },
  )
})
