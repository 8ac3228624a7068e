import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'

import { FILE_TYPES, type RenderTarget } from './translate'
import { filesUnder } from './wxml'

const hostRequire = createRequire(__filename)

/** WeChat's own WXSS compiler for Linux, from `miniprogram-compiler` (npm drops its execute bit). */
function wcscPath(): string {
  const binary = path.join(
    path.dirname(hostRequire.resolve('miniprogram-compiler/package.json')),
    'bin/linux/wcsc',
  )
  fs.chmodSync(binary, 0o755)
  return binary
}

/**
 * Compiles the build's WXSS with `wcsc` and returns the script that, run in the page,
 * adds the app's stylesheet, then `page`'s own (if it has one), then each of `components`'
 * (component path → its style scope) as `<style>` elements.
 *
 * A component's stylesheet is isolated as WeChat isolates it by default: `wcsc` marks
 * where each class name starts, and its runtime writes the scope there (`.cl-x` becomes
 * `.cardlet-balance-index--cl-x`), as glass-easel writes the class names of that
 * component's nodes (`<scope>--<name>`, page-entry.ts). Tag selectors stay global.
 *
 * `wcsc` emits JavaScript, not CSS: its runtime (`comm`) converts each rpx value with
 * WeChat's own rounding for `window.screen.width` (floored to whole px; a value that
 * rounds to 0 becomes 1 px, or 0.5 px on an iPhone with a 2× screen), maps `page` to
 * `body` and built-in tags to their `wx-` names, and adds the app's stylesheet itself.
 * It runs without `-db` (the flag the npm wrapper passes, which leaves WeChat's debug
 * declarations in every rule). Files must be named with a leading `./`: without it
 * `wcsc` resolves no `@import` and the app's stylesheet comes out empty.
 *
 * Alipay's ACSS and JD's JXSS are the same language (CSS with rpx) under other names,
 * and `wcsc` reads only `.wxss` names (an `@import` of an `.acss` file is "not found"):
 * they are compiled from a copy renamed to `.wxss`, imports included.
 */
export function compileWxss(
  distDir: string,
  page: string,
  target: RenderTarget = 'weapp',
  components: Record<string, string> = {},
): string {
  const staged = target === 'weapp' ? undefined : stageAsWxss(distDir, FILE_TYPES[target].style)
  try {
    return runWcsc(distDir, staged ?? distDir, page, components)
  } finally {
    if (staged) fs.rmSync(staged, { recursive: true, force: true })
  }
}

/** `styleDir` holds the build's stylesheets as `.wxss`; `distDir` the build (its `.json`). */
function runWcsc(
  distDir: string,
  styleDir: string,
  page: string,
  components: Record<string, string>,
): string {
  const all = filesUnder(styleDir, '.wxss')
  // As WeChat's tools list them: each page's and component's stylesheet first (`-pc`
  // counts them), then app.wxss (a host mini-program may have none), then the files
  // they import.
  const owned = all.filter(
    (file) =>
      file !== 'app.wxss' && fs.existsSync(path.join(distDir, file.replace(/\.wxss$/, '.json'))),
  )
  const rest = all.filter((file) => file !== 'app.wxss' && !owned.includes(file))
  const app = all.includes('app.wxss') ? ['app.wxss'] : []
  const files = [...owned, ...app, ...rest].map((file) => `./${file}`)
  const run = spawnSync(wcscPath(), ['-pc', String(owned.length), ...files], {
    cwd: styleDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (run.status !== 0) throw new Error(`wcsc failed (${run.status}): ${run.stderr}`)
  const parts = parseWcscOutput(run.stdout)
  const comm = parts.get('comm')
  if (!comm) throw new Error('wcsc printed no runtime (comm)')
  // Each style is `setCssToHead(…)`: a function of the class-name prefix.
  const calls = [
    [page, ''] as const,
    ...Object.entries(components).map(([file, scope]) => [file, `${scope}--`] as const),
  ].flatMap(([file, prefix]) => {
    const style = parts.get(`./${file}.wxss`)
    return style ? [`;(${style})(${JSON.stringify(prefix)});`] : []
  })
  return [comm, ...calls].join('\n')
}

/** Copies the build's `ext` stylesheets to a temporary folder as `.wxss`, imports renamed. */
function stageAsWxss(distDir: string, ext: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-wxss-'))
  const imported = new RegExp(`(@import\\s+["'][^"']*)\\${ext}(["'])`, 'g')
  for (const file of filesUnder(distDir, ext)) {
    const target = path.join(dir, `${file.slice(0, -ext.length)}.wxss`)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    const source = fs.readFileSync(path.join(distDir, file), 'utf8')
    fs.writeFileSync(target, source.replace(imported, '$1.wxss$2'))
  }
  return dir
}

/**
 * `wcsc` prints `name=value=name=value…`, each value the body of a JavaScript string
 * literal (every `=` inside escaped as `\x3d`); the values are decoded as such.
 */
function parseWcscOutput(stdout: string): Map<string, string> {
  const fields = stdout.split('=')
  const parts = new Map<string, string>()
  for (let i = 0; i + 1 < fields.length; i += 2) {
    parts.set(fields[i]!, vm.runInNewContext(`"${fields[i + 1]}"`) as string)
  }
  return parts
}
