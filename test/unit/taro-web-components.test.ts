import fs from 'node:fs'
import path from 'node:path'

import postcss from 'postcss'

import trim from '../../config/postcss-taro-web-components.cjs'

const FILE = path.resolve(__dirname, '../../node_modules/@tarojs/components-react/dist/index.css')

test("Taro's HTML components' stylesheet keeps View, Text, Input and the pull indicator only", async () => {
  const css = fs.readFileSync(FILE, 'utf8')
  const { css: out } = await postcss([trim()]).process(css, { from: FILE })
  const classes = (text: string) => [...new Set(text.match(/\.(?:taro|weui|rmc)-[\w-]+/g))].sort()
  expect(classes(out)).toEqual([
    '.rmc-pull-to-refresh-content',
    '.rmc-pull-to-refresh-content-wrapper',
    '.rmc-pull-to-refresh-down',
    '.rmc-pull-to-refresh-indicator',
    '.rmc-pull-to-refresh-transition',
    '.taro-input-core',
    '.taro-text',
    '.taro-text__selectable',
    '.weui-input',
  ])
  expect(classes(css)).toContain('.taro-button-core')
  // No rule that fetches from another host survives (Taro's button spinner did).
  expect(out).not.toMatch(/url\(https?:/)
  expect(css).toMatch(/url\(https?:/)
})

test('other stylesheets pass through untouched', async () => {
  const css = '.taro-button-core { color: red }'
  const { css: out } = await postcss([trim()]).process(css, { from: '/src/ui/x.scss' })
  expect(out).toBe(css)
})
