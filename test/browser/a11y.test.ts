import fs from 'node:fs'

import type { Page } from 'playwright-core'

import { frame, openInFrame, saveScreenshot, setupStack } from './support'

/**
 * axe-core (WCAG 2.0 / 2.1, levels A and AA) on every page, at the round 466 watch
 * and the phone frame, in both themes. Zero violations; a failure lists each rule
 * with the elements it found.
 */

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
// Taro's buttons are not native buttons and carry no role, so axe's button-name rule
// finds none; these rules must have passed on every page.
const REQUIRED_PASSES = ['color-contrast', 'meta-viewport', 'document-title', 'html-has-lang']

const PAGES = [
  { id: 'home', cards: ['balance-card', 'paycode-card', 'bill-card'] },
  { id: 'balance', cards: ['balance-card'] },
  { id: 'pay-code', cards: ['paycode-card'] },
  { id: 'bill', cards: ['bill-card'] },
] as const

const stack = setupStack()

interface Finding {
  rule: string
  impact: string | null
  targets: string[]
}

async function runAxe(page: Page): Promise<{ violations: Finding[]; passed: string[] }> {
  await page.addScriptTag({ content: AXE })
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return {
      violations: result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? null,
        targets: v.nodes.map((n) => n.target.join(' ')),
      })),
      passed: result.passes.map((p) => p.id),
    }
  }, TAGS)
}

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
