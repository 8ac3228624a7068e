import { frame, openInFrame, setupStack } from './support'

/**
 * config/web/view.js and config/web/button.js, which stand in for the View and Button of
 * Taro's HTML components: a new class is in the DOM with the rest of the render that
 * gave it (Taro 4.1.11's View copied it from an effect, one render and one painted frame
 * later, and its Button drew through that View). Watched on the pay-code page, where the
 * refresh button is enabled in the render that shows the card.
 */

const stack = setupStack()

interface Batch {
  /** The refresh button's class, when this batch changed it. */
  refreshClass?: string
  /** The class of the view NutUI draws the button's label in, when this batch changed it. */
  labelClass?: string
  /** This batch added the card switcher (the render that shows the card). */
  cardShown: boolean
}

test("a view's new class lands in the same DOM update as the render that set it", async () => {
  const { context, page } = await openInFrame(stack.browser, frame('watch-round-l'), 'about:blank')
  await context.addInitScript(() => {
    // One MutationObserver callback per task that changed the DOM: a React commit.
    const batches: Batch[] = []
    Object.assign(window, { __batches: batches })
    new MutationObserver((records) => {
      const batch: Batch = { cardShown: false }
      for (const r of records) {
        const target = r.target as Element
        if (r.type === 'attributes' && target.id === 'paycode-refresh') {
          batch.refreshClass = target.className
        }
        if (r.type === 'attributes' && target.matches('#paycode-refresh .nut-button-children')) {
          batch.labelClass = target.className
        }
        for (const node of r.addedNodes) {
          if (
            node instanceof Element &&
            (node.matches('[data-card-id]') || node.querySelector('[data-card-id]'))
          ) {
            batch.cardShown = true
          }
        }
      }
      batches.push(batch)
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class'],
    })
  })
  await page.goto(`${stack.server.url}/#/pages/pay-code/index?persona=good`)
  await page.locator('#paycode-card[data-status="online"]').waitFor({ timeout: 15_000 })
  const batches = (await page.evaluate('window.__batches')) as Batch[]
  const shown = batches.findIndex((b) => b.cardShown)
  const enabled = batches.findIndex(
    (b) => b.refreshClass !== undefined && !b.refreshClass.includes('nut-button-disabled'),
  )
  // NutUI's label view (a View: config/web/view.js) drops its `-disabled` class then too.
  const labelEnabled = batches.findIndex(
    (b) => b.labelClass !== undefined && !b.labelClass.includes('-disabled'),
  )
  expect(shown).toBeGreaterThanOrEqual(0)
  expect(enabled).toBe(shown)
  expect(labelEnabled).toBe(shown)
  await context.close()
})
