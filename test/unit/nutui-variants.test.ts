import fs from 'node:fs'
import path from 'node:path'

import postcss from 'postcss'

import trim from '../../config/postcss-nutui-variants.cjs'

const ROOT = path.resolve(__dirname, '..', '..')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(file)
    return /\.tsx$/.test(entry.name) ? [file] : []
  })
}

/** Every string value given to a NutUI Button's type, size, fill or shape in src. */
function buttonVariantsInSource(): string[] {
  const values = new Set<string>()
  for (const file of sourceFiles(path.join(ROOT, 'src'))) {
    const text = fs.readFileSync(file, 'utf8')
    for (const [tag] of text.matchAll(/<Button\b[^>]*>/g)) {
      for (const [attr] of tag.matchAll(/\b(?:type|size|fill|shape)=(?:'[^']*'|\{[^}]*\})/g)) {
        for (const match of attr.matchAll(/'([^']*)'/g)) values.add(match[1] ?? '')
      }
    }
  }
  return [...values].sort()
}

test('src passes no Button variant whose styles the build drops', () => {
  const used = buttonVariantsInSource()
  expect(used).toEqual(['default', 'none', 'outline', 'primary', 'small', 'solid'])
  expect(used.filter((v) => trim.UNUSED_BUTTON_VARIANTS.includes(v))).toEqual([])
})

test("NutUI's Button stylesheet keeps the variants we render and loses the rest", async () => {
  const file = path.join(
    ROOT,
    'node_modules/@nutui/nutui-react-taro/dist/es/packages/button/style/style.css',
  )
  const css = fs.readFileSync(file, 'utf8')
  const { css: out } = await postcss([trim()]).process(css, { from: file })
  expect([css.length, out.length]).toEqual([15_584, 6_805])
  const classes = (text: string) => new Set(text.match(/\.nut-button[-a-z]*/g))
  const kept = classes(out)
  for (const name of [
    '.nut-button',
    '.nut-button-primary-outline',
    '.nut-button-default-none-disabled',
    '.nut-button-small',
    '.nut-button-loading',
  ]) {
    expect([name, kept.has(name)]).toEqual([name, true])
  }
  for (const name of ['.nut-button-danger', '.nut-button-large', '.nut-button-primary-dashed']) {
    expect([name, classes(css).has(name), kept.has(name)]).toEqual([name, true, false])
  }
})

test("NutUI's icon stylesheet keeps the spinner's rotation and loses the other animations", async () => {
  const file = path.join(ROOT, 'node_modules/@nutui/icons-react-taro/dist/style_icon.css')
  const css = fs.readFileSync(file, 'utf8')
  const { css: out } = await postcss([trim()]).process(css, { from: file })
  const names = (text: string, pattern: RegExp) => [...new Set(text.match(pattern))].sort()
  expect(names(out, /\.nut-icon-am-[a-z]+/g)).toEqual([
    '.nut-icon-am-infinite',
    '.nut-icon-am-rotate',
  ])
  expect(names(out, /@keyframes [\w-]+/g)).toEqual(['@keyframes rotation'])
  expect(names(css, /\.nut-icon-am-[a-z]+/g)).toHaveLength(2 + trim.UNUSED_ICON_ANIMATIONS.length)
  expect(out).toContain('.nut-icon-Loading')
})

test("the icon stylesheet's size variables move from :root and page to Cardlet's root", async () => {
  const file = path.join(ROOT, 'node_modules/@nutui/icons-react-taro/dist/style_icon.css')
  const css = fs.readFileSync(file, 'utf8')
  expect(css).toMatch(/(^|\})\s*page\s*\{/)
  const { css: out } = await postcss([trim()]).process(css, { from: file })
  const hosts = postcss
    .parse(out)
    .nodes.flatMap((n) =>
      n.type === 'rule' && n.nodes.some((d) => d.type === 'decl' && d.prop === '--nut-icon-width')
        ? [n.selector]
        : [],
    )
  expect(hosts).toEqual(['.cl-theme-root'])
})

test('other stylesheets pass through untouched', async () => {
  const css = '.nut-button-danger { color: red }'
  const { css: out } = await postcss([trim()]).process(css, { from: '/src/ui/x.scss' })
  expect(out).toBe(css)
})
