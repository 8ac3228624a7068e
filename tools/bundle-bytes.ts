import fs from 'node:fs'
import path from 'node:path'

import { eachMapping, TraceMap } from '@jridgewell/trace-mapping'

import { runMain } from './lib/run-main'
import { taroBuild, type TaroTarget } from './lib/taro-build'

/**
 * `npm run bench:bytes -- <target> [--detail <package or folder>] [--top N]`: where a
 * build's JavaScript bytes go. Builds `<target>` with source maps into
 * bench/out/bytes-<target> and attributes every minified byte of every emitted .js file
 * to the source it came from, grouped by npm package (or src/ folder), per file. Sizes
 * are of the minified output, so tree-shaking is already counted. Written by hand: the
 * analysers on npm (source-map-explorer, webpack-bundle-analyzer) want a browser or
 * report the pre-minification module size.
 */
const ROOT = path.resolve(__dirname, '..')

/** `webpack://cardlet/./node_modules/a/b.js` (or the mini-program `._node_modules_a_b.js`). */
function sourcePath(source: string | null): string {
  if (!source) return '(webpack glue)'
  const s = source.replace(/^webpack:\/\/cardlet\//, '')
  // Mini-program maps flatten the path with underscores: `._node_modules_qrcode_lib_x.js`.
  if (s.startsWith('._'))
    return s
      .slice(2)
      .replace(/_/g, '/')
      .replace(/^node\/modules\//, 'node_modules/')
  return s.replace(/^\.\//, '')
}

function group(source: string, detail?: string): string {
  if (detail && source.includes(detail)) return source
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
  if (pkg) return pkg[1] as string
  return source.split('/').slice(0, 3).join('/')
}

/** Bytes of each generated file attributed to each source group. */
export function attribute(dir: string, detail?: string): Map<string, number> {
  const bytes = new Map<string, number>()
  const walk = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]))
  for (const mapFile of walk(dir).filter((f) => f.endsWith('.js.map'))) {
    const lines = fs.readFileSync(mapFile.replace(/\.map$/, ''), 'utf8').split('\n')
    const file = path.relative(dir, mapFile).replace(/\.[0-9a-f]{8}\.js\.map$|\.js\.map$/, '')
    const segments: { line: number; column: number; source: string | null }[] = []
    eachMapping(new TraceMap(fs.readFileSync(mapFile, 'utf8')), (m) =>
      segments.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source }),
    )
    segments.sort((a, b) => a.line - b.line || a.column - b.column)
    segments.forEach((s, i) => {
      const next = segments[i + 1]
      const end = next?.line === s.line ? next.column : (lines[s.line - 1]?.length ?? s.column)
      const key = `${file}  ${group(sourcePath(s.source), detail)}`
      bytes.set(key, (bytes.get(key) ?? 0) + end - s.column)
    })
  }
  return bytes
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const target = args[0] as TaroTarget | undefined
  if (!target) {
    console.error(
      'usage: npm run bench:bytes -- <weapp|alipay|jd|h5|harmony-hybrid> [--detail X] [--top N]',
    )
    return 2
  }
  const option = (name: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const outDir = path.join(ROOT, 'bench', 'out', `bytes-${target}`)
  await taroBuild(target, { outDir, env: { CARDLET_SOURCEMAP: '1' }, stdout: 'ignore' })
  const rows = [...attribute(outDir, option('--detail')).entries()].sort((a, b) => b[1] - a[1])
  for (const [key, n] of rows.slice(0, Number(option('--top') ?? 60)))
    console.log(`${(n / 1024).toFixed(1).padStart(7)} KiB  ${key}`)
  return 0
}

if (require.main === module) runMain(main)
