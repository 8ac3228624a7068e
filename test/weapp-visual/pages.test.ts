import path from 'node:path'

import jsQR from 'jsqr'
import { PNG } from 'pngjs'

import { structureOf, WeappRenderer } from '../../tools/miniprogram/render'
import { assembleHost, DIST } from '../miniprogram/support'
import { type BaselineSet, matchBaseline, MAX_DIFF_RATIO, MOVING_PARTS } from '../support/visual'

/**
 * The WeChat build's pages as WeChat lays them out (tools/miniprogram/render: the
 * harness's run against the sandbox, glass-easel, the build's WXSS by wcsc), compared
 * with committed baselines at the H5 visual tests' tolerance. Every render is also the
 * harness's own tree (what the harness tests assert on is what is drawn), and the pay
 * code drawn on screen decodes to the digits the page holds.
 * `npm run test:weapp-visual:update` rewrites the baselines after an intended change.
 */
// The phone's time zone is the H5 visual tests' browser's: the harness's page code reads
// Node's ("Updated 09:00" on the balance), so the npm scripts run jest in it.
if (Intl.DateTimeFormat().resolvedOptions().timeZone !== 'Asia/Shanghai') {
  throw new Error('run in the time zone Asia/Shanghai: npm run test:weapp-visual')
}

const BASELINES: BaselineSet = {
  dir: path.join(__dirname, 'baselines'),
  update: 'npm run test:weapp-visual:update',
}
const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts', 'weapp-visual')

let renderer: WeappRenderer
beforeAll(async () => {
  renderer = await WeappRenderer.start({ distDir: DIST.weapp })
})
afterAll(async () => {
  await renderer?.close()
})

type Page = 'home' | 'balance' | 'pay-code' | 'bill'
const CASES: [Page, string, 'light' | 'dark', 'zh-CN' | 'en-US', number][] = []
for (const page of ['home', 'balance', 'pay-code', 'bill'] as const) {
  for (const persona of ['good', 'overdue']) {
    for (const theme of ['light', 'dark'] as const) {
      for (const locale of ['zh-CN', 'en-US'] as const) {
        // The bill, the widest content, also at 320 px.
        for (const width of page === 'bill' ? [375, 360, 320] : [375, 360]) {
          CASES.push([page, persona, theme, locale, width])
        }
      }
    }
  }
}

test.each(CASES)(
  '%s, %s, %s, %s, %i px matches its baseline and the harness tree',
  async (page, persona, theme, locale, width) => {
    const result = await renderer.render({
      page,
      persona,
      theme,
      locale,
      width,
      mask: MOVING_PARTS,
    })
    expect(result.problems).toEqual([])
    expect(structureOf(result.tree)).toEqual(result.capture.tree)
    const name = `${page}-${persona}-${theme}-${locale}-${width}`
    const diff = matchBaseline(name, result.png, ARTIFACTS, BASELINES)
    expect(diff.sameSize).toBe(true)
    expect(diff.ratio).toBeLessThanOrEqual(MAX_DIFF_RATIO)
  },
)

test.each([375, 360])('at %i px the QR on screen is the code the page reveals', async (width) => {
  const result = await renderer.render({
    page: 'pay-code',
    width,
    act: async (run) => (await run.element('#paycode-reveal')).tap(),
  })
  const digits = result.tree.find((n) => n.id === 'paycode-digits')?.text.replace(/ /g, '')
  expect(digits).toMatch(/^62\d{17}$/)
  const image = PNG.sync.read(result.png)
  expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(digits)
})

/**
 * A bank's own page (examples/native-host) with Cardlet's widgets as its custom
 * components, the embed build's `cardlet/` folder copied in (`npm run build:embed:weapp`).
 */
test("the native host's bank page, good, light, zh-CN, 375 px matches its baseline and the harness tree", async () => {
  const host = await WeappRenderer.start({ distDir: assembleHost('native-host') })
  try {
    const result = await host.render({
      page: 'bank',
      persona: 'good',
      theme: 'light',
      locale: 'zh-CN',
      width: 375,
      mask: MOVING_PARTS,
    })
    expect(result.problems).toEqual([])
    expect(structureOf(result.tree)).toEqual(result.capture.tree)
    const diff = matchBaseline(
      'native-host-bank-good-light-zh-CN-375',
      result.png,
      ARTIFACTS,
      BASELINES,
    )
    expect(diff.sameSize).toBe(true)
    expect(diff.ratio).toBeLessThanOrEqual(MAX_DIFF_RATIO)
  } finally {
    await host.close()
  }
})
