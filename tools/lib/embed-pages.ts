import fs from 'node:fs'
import path from 'node:path'

import { brandConstant, loadBrand } from '../../config/brand'

/**
 * The full pages of the embed folder (`cardlet/pages/<page>/index`), for a host that
 * declares `cardlet` as an independent subpackage. Each page is a thin native page that
 * places the widget components (the same runtime, no second copy of Cardlet): Taro's
 * native-components mode builds components only, so the pages are written here.
 */

type PageTarget = 'weapp' | 'jd' | 'alipay'

/** A page: its path under `cardlet/pages/`, the widgets on it and its title's i18n key. */
export const EMBED_PAGES = [
  { page: 'home', widgets: ['balance', 'pay-code', 'bill'], title: 'app.title' },
  { page: 'balance', widgets: ['balance'], title: 'balance.title' },
  { page: 'pay-code', widgets: ['pay-code'], title: 'paycode.title' },
  { page: 'bill', widgets: ['bill'], title: 'bill.title' },
] as const

const FILES: Record<PageTarget, { template: string; style: string; global: string }> = {
  weapp: { template: 'wxml', style: 'wxss', global: 'wx' },
  jd: { template: 'jxml', style: 'jxss', global: 'jd' },
  alipay: { template: 'axml', style: 'acss', global: 'my' },
}

async function titles(key: string): Promise<{ zh: string; en: string }> {
  // The i18n tables read the brand the build defines; the same loader as the build.
  Object.assign(globalThis, { CARDLET_BRAND: brandConstant(loadBrand()) })
  const { zhCN } = await import('../../src/lib/i18n/zh-CN')
  const { enUS } = await import('../../src/lib/i18n/en-US')
  const k = key as keyof typeof zhCN
  return { zh: zhCN[k], en: enUS[k] }
}

function pageScript(
  target: PageTarget,
  widgets: readonly string[],
  title: { zh: string; en: string },
) {
  const api = FILES[target].global
  // Alipay has no selectComponent: its pages leave pull-down to the widgets' buttons.
  const pullDown =
    target === 'alipay'
      ? ''
      : `
  // The page's pull-down asks each widget on it to refresh.
  onPullDownRefresh() {
    const widgets = ${JSON.stringify(widgets.map((w) => `#${w}`))}
      .map((id) => this.selectComponent(id))
      .filter(Boolean)
    Promise.all(widgets.map((widget) => widget.refresh())).then(
      () => ${api}.stopPullDownRefresh(),
      () => ${api}.stopPullDownRefresh(),
    )
  },`
  return `// Cardlet's own page in the host's independent subpackage (tools/lib/embed-pages.ts).
const TITLE = ${JSON.stringify(title)}

Page({
  // Cardlet's own page: titled in the cardholder's language.
  onShow() {
    const language = (${api}.getSystemInfoSync().language || '').replace('_', '-')
    ${api}.setNavigationBarTitle({ title: /^en\\b/i.test(language) ? TITLE.en : TITLE.zh })
  },${pullDown}
})
`
}

/** Writes `cardlet/pages/<page>/index.*` into an embed folder built for `target`. */
export async function writeEmbedPages(target: PageTarget, out: string): Promise<void> {
  const files = FILES[target]
  for (const { page, widgets, title } of EMBED_PAGES) {
    const dir = path.join(out, 'pages', page)
    fs.mkdirSync(dir, { recursive: true })
    const text = await titles(title)
    const usingComponents = Object.fromEntries(
      widgets.map((w) => [`cardlet-${w}`, `../../${w}/index`]),
    )
    const json = {
      navigationBarTitleText: text.zh,
      enablePullDownRefresh: target !== 'alipay',
      usingComponents,
    }
    fs.writeFileSync(path.join(dir, 'index.json'), `${JSON.stringify(json, null, 2)}\n`)
    const tags = widgets.map((w) => `  <cardlet-${w} id="${w}" />`).join('\n')
    fs.writeFileSync(
      path.join(dir, `index.${files.template}`),
      `<view class="cardlet-page">\n${tags}\n</view>\n`,
    )
    fs.writeFileSync(
      path.join(dir, `index.${files.style}`),
      '.cardlet-page {\n  padding: 8px 0;\n}\n',
    )
    fs.writeFileSync(path.join(dir, 'index.js'), pageScript(target, widgets, text))
  }
}
