import type { Page } from 'playwright-core'

import { saveScreenshot, setupStack } from './support'

/**
 * Phones narrower than the 375 px frame (320 and 360 px wide are common): every control
 * stays inside its card, tap targets keep 48 px and text 16 px. The mini-program builds
 * keep px as written, so this is what a 320 px phone shows in WeChat too.
 */
const stack = setupStack()

/** Elements of `#root`'s cards whose box leaves their card, as `id-or-class right>card`. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    for (const card of document.querySelectorAll('.cl-widget-card')) {
      const bound = card.getBoundingClientRect()
      for (const el of card.querySelectorAll('canvas, button, input, .nut-button, .nut-input')) {
        const box = el.getBoundingClientRect()
        if (box.width === 0) continue
        if (box.left < bound.left - 0.5 || box.right > bound.right + 0.5) {
          out.push(`${el.id || el.className} ${Math.round(box.right)}>${Math.round(bound.right)}`)
        }
      }
    }
    return out
  })
}

describe.each([320, 360])('%i px wide', (width) => {
  test.each(['en-US', 'zh-CN'])('%s: pay code and bill fit their cards', async (lang) => {
    const context = await stack.browser.newContext({ viewport: { width, height: 700 } })
    try {
      const page = await context.newPage()
      await page.goto(`${stack.server.url}/#/pages/pay-code/index?persona=good&lang=${lang}`)
      await page.locator('#paycode-barcode[data-status="drawn"]').waitFor()
      const barcode = await page.locator('#paycode-barcode').boundingBox()
      expect(barcode?.width).toBe(Math.min(300, width - 52))
      expect(await overflowing(page)).toEqual([])
      await saveScreenshot(page, `narrow-${width}-paycode-${lang}`)

      await page.goto(`${stack.server.url}/#/pages/bill/index?persona=good&lang=${lang}`)
      const amount = page.locator('.cl-bill__custom-amount')
      await amount.waitFor()
      expect(await overflowing(page)).toEqual([])
      // The field is never narrower than its placeholder, nor a target under 48 px.
      const field = await amount.boundingBox()
      expect(field!.width).toBeGreaterThanOrEqual(152)
      expect(field!.height).toBe(48)
      const input = amount.locator('input')
      const fits = await input.evaluate((el) => {
        const probe = document.createElement('span')
        const style = getComputedStyle(el)
        probe.style.font = style.font
        probe.textContent = (el as HTMLInputElement).placeholder
        document.body.append(probe)
        const text = probe.getBoundingClientRect().width
        probe.remove()
        return { text, box: el.getBoundingClientRect().width, font: style.fontFamily }
      })
      expect(fits.text).toBeLessThanOrEqual(fits.box)
      // The app's font stack, not the browser's default for inputs.
      expect(fits.font).toMatch(/^-apple-system, "PingFang SC"/)
      await saveScreenshot(page, `narrow-${width}-bill-${lang}`)
    } finally {
      await context.close()
    }
  })
})
