import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import { build } from 'esbuild'

import { runMain } from '../tools/lib/run-main'
import { ROOT } from './lib'

/**
 * `npm run bench:nutui`: what each NutUI component Cardlet does not use would add to a
 * package, over the ones it does (ConfigProvider, Button, Skeleton, Input, Empty, Cell):
 * each component's ES module and per-component stylesheet, bundled and minified with
 * esbuild, React and Taro left out (every package has them). Writes bench/NUTUI.md,
 * which the code cites where it declines a component for its cost. Deterministic.
 */
const PACKAGES = '@nutui/nutui-react-taro/dist/es/packages'
const USED = ['configprovider', 'button', 'skeleton', 'input', 'empty', 'cell']
const DECLINED: Record<string, string> = {
  dialog: 'repayment confirmation (repay-panel.tsx)',
  toast: 'transient results (bill-widget.tsx)',
  popup: 'card switcher on small frames (card-switcher.tsx)',
  actionsheet: 'card switcher on small frames (card-switcher.tsx)',
  noticebar: 'stale and offline notices (stale-badge.tsx, pay-code-widget.tsx)',
  resultpage: 'signed out and error states (error-banner.tsx)',
  inputnumber: "reminder's lead days (reminder-panel.tsx)",
  countdown: "pay code's seconds (pay-code-area.tsx)",
  price: 'money (balance-widget.tsx)',
}

interface Size {
  js: number
  css: number
  gzip: number
}

async function bundle(names: string[], dir: string): Promise<Size> {
  const entry = path.join(dir, 'entry.js')
  fs.writeFileSync(
    entry,
    names
      .map(
        (n, i) => `export * as m${i} from '${PACKAGES}/${n}'\nimport '${PACKAGES}/${n}/style/css'`,
      )
      .join('\n'),
  )
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    outdir: path.join(dir, 'out'),
    absWorkingDir: ROOT,
    nodePaths: [path.join(ROOT, 'node_modules')],
    external: ['react', 'react-dom', '@tarojs/*'],
    logLevel: 'silent',
  })
  const size: Size = { js: 0, css: 0, gzip: 0 }
  for (const file of result.outputFiles) {
    if (file.path.endsWith('.css')) size.css += file.contents.length
    else size.js += file.contents.length
    size.gzip += zlib.gzipSync(file.contents).length
  }
  return size
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

runMain(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-nutui-'))
  try {
    const used = await bundle(USED, dir)
    const rows: string[] = []
    for (const [name, purpose] of Object.entries(DECLINED)) {
      const s = await bundle([...USED, name], dir)
      const raw = s.js + s.css - used.js - used.css
      rows.push(
        `| ${name} | ${purpose} | +${kib(s.js - used.js)} | +${kib(s.css - used.css)} | +${kib(raw)} | +${kib(s.gzip - used.gzip)} |`,
      )
    }
    const text = [
      '# NutUI components Cardlet declines: what each would add',
      '',
      `Written by \`npm run bench:nutui\` (bench/nutui-cost.ts). Each component's ES module and stylesheet, bundled and minified by esbuild with React and Taro left out, over the components Cardlet uses (${USED.join(', ')}: ${kib(used.js)} JS, ${kib(used.css)} CSS). A package's own figure differs a little (Taro's minifier, the variant trim of config/postcss-nutui-variants.cjs); the order of magnitude is what the code's reasons cite.`,
      '',
      '| component | would serve | JS | CSS | raw | gzip |',
      '|---|---|---:|---:|---:|---:|',
      ...rows,
      '',
    ].join('\n')
    fs.writeFileSync(path.join(ROOT, 'bench', 'NUTUI.md'), text)
    console.log(text)
    return 0
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
