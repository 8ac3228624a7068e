import jsQR from 'jsqr'
import { PNG } from 'pngjs'

import {
  structureOf,
  translateScript,
  translateTemplate,
  type TreeNode,
  WeappRenderer,
} from '../../tools/miniprogram/render'
import { assembleHost, DIST } from './support'

/**
 * The WeChat build's pages as WeChat lays them out (tools/miniprogram/render): the
 * harness's run against a sandbox, rendered by glass-easel with the build's WXSS in
 * chromium. What glass-easel renders is what the harness rendered, and the pixels
 * carry what the cardholder reads.
 */
let renderer: WeappRenderer

beforeAll(async () => {
  renderer = await WeappRenderer.start({ distDir: DIST.weapp })
})

afterAll(async () => {
  await renderer?.close()
})

/** The theme tokens (src/theme/tokens.scss) as chromium reports them. */
const THEMES = {
  light: { background: 'rgb(244, 246, 251)', text: 'rgb(16, 24, 40)' },
  dark: { background: 'rgb(0, 0, 0)', text: 'rgb(249, 250, 251)' },
} as const

function byId<T extends TreeNode>(tree: T[], id: string): T {
  const node = tree.find((n) => n.id === id)
  if (!node) throw new Error(`no #${id} in the rendered tree`)
  return node
}

/** The screenshot's pixel at (x, y) as chromium writes a colour. */
function pixel(png: Buffer, x: number, y: number): string {
  const image = PNG.sync.read(png)
  const i = (y * image.width + x) * 4
  return `rgb(${image.data[i]}, ${image.data[i + 1]}, ${image.data[i + 2]})`
}

describe.each([
  ['light', 'en-US', 'CN¥46,114.57'],
  ['dark', 'zh-CN', '¥46,114.57'],
] as const)('balance, persona good, 375 px, %s, %s', (theme, locale, available) => {
  test('renders the harness tree, with the figures and the theme the cardholder sees', async () => {
    const result = await renderer.render({ page: 'balance', persona: 'good', theme, locale })
    expect(result.problems).toEqual([])
    expect(structureOf(result.tree)).toEqual(result.capture.tree)
    expect(byId(result.capture.tree, 'balance-available').text).toBe(available)
    expect(byId(result.tree, 'balance-available').text).toBe(available)

    const screen = result.tree.find((n) => n.classes.includes('cl-screen'))!
    expect(screen.box).toEqual({ x: 0, y: 0, width: 375, height: screen.box.height })
    expect(screen.style.backgroundColor).toBe(THEMES[theme].background)
    expect(screen.style.color).toBe(THEMES[theme].text)
    // The bottom-left corner of the window, below the card: the page's own background.
    expect(pixel(result.png, 1, 810)).toBe(THEMES[theme].background)
  })
})

test('the pay code: the QR in the screenshot is the code whose digits the page reveals', async () => {
  const result = await renderer.render({
    page: 'pay-code',
    locale: 'en-US',
    act: async (run) => (await run.element('#paycode-reveal')).tap(),
  })
  expect(result.problems).toEqual([])
  expect(structureOf(result.tree)).toEqual(result.capture.tree)
  const digits = byId(result.tree, 'paycode-digits').text.replace(/ /g, '')
  expect(digits).toMatch(/^62\d{17}$/)

  const image = PNG.sync.read(result.png)
  const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)
  expect(decoded?.data).toBe(digits)
})

/**
 * A bank's own page (examples/native-host, with the embed build's `cardlet/` folder in
 * it): the host's template and Cardlet's three widgets as its custom components, each
 * drawn from its own data in the run, its classes styled by its own stylesheet alone.
 */
test("the native host's bank page, persona good, 375 px, light, zh-CN: the harness tree, with the widgets' figures", async () => {
  const host = await WeappRenderer.start({ distDir: assembleHost('native-host') })
  try {
    const result = await host.render({
      page: 'bank',
      persona: 'good',
      width: 375,
      theme: 'light',
      locale: 'zh-CN',
    })
    expect(result.problems).toEqual([])
    expect(structureOf(result.tree)).toEqual(result.capture.tree)
    expect(result.capture.components.map((c) => c.file)).toEqual([
      'cardlet/balance/index',
      'cardlet/pay-code/index',
      'cardlet/bill/index',
    ])
    // The bank hands each widget locale en-US (pages/bank/index.js).
    expect(byId(result.tree, 'bank-header').text).toBe('My Bank · Cards')
    expect(byId(result.tree, 'balance-available').text).toBe('CN¥46,114.57')
    expect(byId(result.tree, 'bill-statement-amount').text).toBe('CN¥3,765.43')
    // The page's stylesheet sets its header (36 rpx); each widget's, its own nodes.
    expect(byId(result.tree, 'bank-header').style.fontSize).toBe('18px')
    expect(byId(result.tree, 'balance-available').style.fontSize).toBe('28px')
    expect(byId(result.tree, 'balance-card').style.backgroundColor).toBe('rgb(255, 255, 255)')
    expect(byId(result.tree, 'balance-card').box.width).toBe(375)
  } finally {
    await host.close()
  }
})

/**
 * The Alipay and JD builds' own templates, translated to WXML (translate.ts) and read by
 * the same engine: WeChat's glass-easel with WeChat's default styles, not Alipay's or
 * JD's renderer. What glass-easel renders of them is what that target's harness
 * resolved, and the figures the cardholder reads are in it.
 */
describe.each(['alipay', 'jd'] as const)(
  "%s templates, translated, in WeChat's engine",
  (target) => {
    let translated: WeappRenderer

    beforeAll(async () => {
      translated = await WeappRenderer.start({ target, distDir: DIST[target] })
    })

    afterAll(async () => {
      await translated?.close()
    })

    test('balance, persona good, 375 px, light, en-US: the harness tree, styled', async () => {
      const result = await translated.render({
        page: 'balance',
        persona: 'good',
        theme: 'light',
        locale: 'en-US',
      })
      expect(result.problems).toEqual([])
      expect(structureOf(result.tree)).toEqual(result.capture.tree)
      expect(byId(result.capture.tree, 'balance-available').text).toBe('CN¥46,114.57')
      expect(byId(result.tree, 'balance-available').text).toBe('CN¥46,114.57')
      // The build's own stylesheet (ACSS / JXSS through wcsc) laid it out.
      const screen = result.tree.find((n) => n.classes.includes('cl-screen'))!
      expect(screen.box.width).toBe(375)
      expect(screen.style.backgroundColor).toBe(THEMES.light.background)
    })

    test('bill, persona overdue, zh-CN: the harness tree, with what is due', async () => {
      const result = await translated.render({ page: 'bill', persona: 'overdue', locale: 'zh-CN' })
      expect(result.problems).toEqual([])
      expect(structureOf(result.tree)).toEqual(result.capture.tree)
      expect(byId(result.tree, 'bill-statement-amount').text).toBe('¥1,580.00')
      // The renderer's fixed clock (RENDER_CLOCK_START, 20 November) against a due date of 15 November.
      expect(byId(result.tree, 'bill-days-left').text).toBe('已逾期 5 天')
    })
  },
)

test('the translation: directives, events and template scripts as WXML', () => {
  expect(
    translateTemplate(
      '<import-sjs name="xs" from="./utils.sjs" />\n' +
        '<view a:for="{{i.cn}}" a:key="sid" onTap="eh" catchTouchMove="eh" ' +
        'onagreeprivacyauthorization="eh" class="{{i.cl}}" />',
      'alipay',
    ),
  ).toBe(
    '<wxs module="xs" src="./utils.wxs" />\n' +
      '<view wx:for="{{i.cn}}" wx:key="sid" bind:tap="eh" catch:touchmove="eh" ' +
      'bind:agreeprivacyauthorization="eh" class="{{i.cl}}" />',
  )
  expect(
    translateTemplate(
      '<import src="../../base.jxml"/>\n<jds src="./utils.jds" module="xs" />\n' +
        '<block jd:if="{{a}}">x</block><block jd:else>y</block>',
      'jd',
    ),
  ).toBe(
    '<import src="../../base.wxml"/>\n<wxs src="./utils.wxs" module="xs" />\n' +
      '<block wx:if="{{a}}">x</block><block wx:else>y</block>',
  )
  expect(translateScript('export default {\n  a: 1\n}\n', 'alipay', 'utils.sjs')).toBe(
    'module.exports = {\n  a: 1\n}\n',
  )
  expect(() =>
    translateScript("import b from './b.sjs'\nexport default {}\n", 'alipay', 'utils.sjs'),
  ).toThrow('utils.sjs: an SJS import or named export, which the translation does not cover')
})
