import fs from 'node:fs'

import type { Page } from 'playwright-core'

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export interface Finding {
  rule: string
  impact: string | null
  targets: string[]
}

/** axe-core on the page as it is: WCAG 2.0 / 2.1 A and AA rules only. */
export async function runAxe(page: Page): Promise<{ violations: Finding[]; passed: string[] }> {
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
