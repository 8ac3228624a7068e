// Screenshot of one page of the WeChat build as WeChat lays it out (tools/miniprogram/render):
//   npx tsx tools/render-weapp.ts --page balance --persona good --width 375 \
//     --theme light --locale en-US --out /tmp/balance.png [--dist dist/weapp] [--no-mask]
// Also writes the rendered tree (ids, classes, text, boxes, fonts) beside it as .json.
// `--target alipay` or `--target jd` renders that build's templates translated to WXML,
// still in WeChat's engine (glass-easel): a check of the templates, not Alipay's or JD's
// own renderer.
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { MOVING_PARTS } from '../test/support/visual'
import { runMain } from './lib/run-main'
import { renderWeappPage } from './miniprogram/render'

const { values } = parseArgs({
  options: {
    page: { type: 'string', default: 'home' },
    persona: { type: 'string', default: 'good' },
    width: { type: 'string', default: '375' },
    height: { type: 'string', default: '812' },
    theme: { type: 'string', default: 'light' },
    locale: { type: 'string', default: 'zh-CN' },
    out: { type: 'string' },
    target: { type: 'string', default: 'weapp' },
    dist: { type: 'string' },
    'no-mask': { type: 'boolean', default: false },
  },
})

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`--${name} must be one of ${allowed.join(', ')} (got ${value})`)
  }
  return value as T
}

const theme = oneOf('theme', values.theme, ['light', 'dark'] as const)
const locale = oneOf('locale', values.locale, ['zh-CN', 'en-US'] as const)
const target = oneOf('target', values.target, ['weapp', 'alipay', 'jd'] as const)
const out = path.resolve(
  values.out ?? `${target}-${path.basename(values.page)}-${values.width}-${theme}-${locale}.png`,
)

async function main(): Promise<number> {
  const started = performance.now()
  const result = await renderWeappPage({
    target,
    distDir: values.dist ?? `dist/${target}`,
    page: values.page,
    persona: values.persona,
    width: Number(values.width),
    height: Number(values.height),
    theme,
    locale,
    mask: values['no-mask'] ? [] : MOVING_PARTS,
  })
  fs.mkdirSync(path.dirname(out), { recursive: true })
  fs.writeFileSync(out, result.png)
  fs.writeFileSync(out.replace(/\.png$/, '') + '.json', JSON.stringify(result.tree, null, 2))
  console.log(
    `${out} (${result.tree.length} elements, ${Math.round(performance.now() - started)} ms)`,
  )
  for (const problem of result.problems) console.error(problem)
  return result.problems.length > 0 ? 1 : 0
}

runMain(main)
