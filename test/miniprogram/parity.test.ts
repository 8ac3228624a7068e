import fs from 'node:fs'
import path from 'node:path'

import { frame, openInFrame, setupStack } from '../browser/support'
import { closeRuns, launch, TARGETS } from './support'

/**
 * The stable-selector contract (docs/qa.md), read the same on every target: for every id in
 * its table, the H5 build in chromium and each mini-program build in the harness show
 * the same elements with the same `data-status`, against one sandbox issuer. A
 * mini-program template binds `data-status` on every element, so an element without a
 * state reads `""` there and `null` on H5: both mean "no state" (docs/qa.md).
 */
const QA_DOC = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'qa.md'), 'utf8')

/** Every id of docs/qa.md's stable-selector table. */
function stableIds(): string[] {
  const section = QA_DOC.slice(QA_DOC.indexOf('# QA: stable selectors'))
  const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| widget')))
  return [...table.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map((m) => m[1]!)
}

/** What a QA script reads of an id: absent, or present with its state ('' = none). */
type Reading = 'absent' | string

const SETTLED: Record<string, string> = {
  'balance-card': 'ready',
  'paycode-card': 'online',
  'paycode-qr': 'drawn',
  'paycode-barcode': 'drawn',
}

const stack = setupStack()

afterEach(() => closeRuns())

test('docs/qa.md lists the ids this test reads', () => {
  expect(stableIds()).toEqual(
    expect.arrayContaining(['balance-card', 'paycode-result', 'bill-status', 'error-banner']),
  )
})

describe.each([
  ['good', 'ready', 'pending'],
  ['overdue', 'ready', 'declined'],
  ['no-statement', 'no_statement', 'pending'],
])('home, persona %s', (persona, billCard, latestTransaction) => {
  // The latest transactions load after the balance: read once the newest is listed.
  const settled = { ...SETTLED, 'bill-card': billCard, 'transaction-item': latestTransaction }

  async function readH5(ids: string[]): Promise<Record<string, Reading>> {
    const { page, context } = await openInFrame(
      stack.browser,
      frame('phone'),
      `${stack.server.url}/#/pages/home/index?persona=${persona}`,
    )
    try {
      for (const [id, status] of Object.entries(settled)) {
        await page.locator(`#${id}[data-status="${status}"]`).first().waitFor({ timeout: 20_000 })
      }
      const readings: Record<string, Reading> = {}
      for (const id of ids) {
        // An id on every row of a list (transaction-item) reads as its first row.
        const element = page.locator(`#${id}`).first()
        readings[id] =
          (await element.count()) === 0
            ? 'absent'
            : ((await element.getAttribute('data-status')) ?? '')
      }
      return readings
    } finally {
      await context.close()
    }
  }

  test.each(TARGETS)('%s reads every stable id as H5 does', async (target) => {
    const ids = stableIds()
    const h5 = await readH5(ids)
    // The issuer of `npm start` serves H5 and the sandbox on one origin: the mini-program
    // build's issuer origin is routed to that same sandbox.
    const run = await launch(stack.server.url, 'home', { target, persona })
    for (const [id, status] of Object.entries(settled)) {
      await run.waitFor(
        `#${id} ${status}`,
        () => run.query(`#${id}`)?.attribute('data-status') === status,
      )
    }
    const mini: Record<string, Reading> = {}
    for (const id of ids) {
      const element = run.query(`#${id}`)
      mini[id] = element ? (element.attribute('data-status') ?? '') : 'absent'
    }
    expect(mini).toEqual(h5)
    // The contract is not vacuous: states are present, not only empty attributes.
    expect(Object.values(mini).filter((v) => v !== '' && v !== 'absent').length).toBeGreaterThan(4)
  })
})
