import { runAxe } from './axe'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'

/**
 * axe-core (WCAG 2.0 / 2.1, levels A and AA) on every page, at the round 466 watch
 * and the phone frame, in both themes. Zero violations; a failure lists each rule
 * with the elements it found.
 */

// These rules must have passed on every page; `button-name` among them because the web
// builds' buttons are native buttons (config/web/button.js) that axe can check.
const REQUIRED_PASSES = [
  'color-contrast',
  'meta-viewport',
  'document-title',
  'html-has-lang',
  'button-name',
]

const PAGES = [
  { id: 'home', cards: ['balance-card', 'paycode-card', 'bill-card'] },
  { id: 'balance', cards: ['balance-card'] },
  { id: 'pay-code', cards: ['paycode-card'] },
  { id: 'bill', cards: ['bill-card'] },
] as const

const stack = setupStack()

describe.each(['watch-round-l', 'phone'] as const)('at %s', (frameId) => {
  describe.each(['dark', 'light'] as const)('%s theme', (theme) => {
    test.each(PAGES.map((p) => [p.id, p] as const))(
      '%s: no WCAG 2.1 A/AA violation',
      async (_id, p) => {
        const { context, page } = await openInFrame(
          stack.browser,
          frame(frameId),
          `${stack.server.url}/#/pages/${p.id}/index?persona=good&theme=${theme}`,
        )
        for (const card of p.cards) {
          await page.locator(`#${card}:not([data-status="loading"])`).waitFor({ timeout: 15_000 })
        }
        const { violations, passed } = await runAxe(page)
        if (violations.length) await saveScreenshot(page, `a11y-${p.id}-${frameId}-${theme}`)
        expect(violations).toEqual([])
        // The checks that matter here did run and pass on this page (not "incomplete").
        expect(REQUIRED_PASSES.filter((rule) => !passed.includes(rule))).toEqual([])
        await context.close()
      },
    )
  })
})
