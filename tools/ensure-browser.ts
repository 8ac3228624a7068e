import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Before the browser tests: Debian's chromium and a CJK font (the zh-CN screenshots and
 * visual baselines are drawn with WenQuanYi Micro Hei) must be on the machine. Where it
 * may (root, apt-get on PATH) this installs them with apt, as `playwright install
 * --with-deps` does; otherwise it stops at once with one line saying what to run,
 * instead of every browser test failing on its own.
 */

export const DEFAULT_CHROMIUM = '/usr/bin/chromium'
export const APT_PACKAGES = { chromium: 'chromium', font: 'fonts-wqy-microhei' } as const
const FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'
const FONT_FAMILY = 'WenQuanYi Micro Hei'

/** What the machine has, as far as the browser tests care. */
export interface Probe {
  /** CHROMIUM_PATH, when set. */
  chromiumOverride?: string
  hasChromium: boolean
  hasFont: boolean
  isRoot: boolean
  hasApt: boolean
}

export type Plan =
  { kind: 'ready' } | { kind: 'install'; packages: string[] } | { kind: 'stop'; line: string }

/** The one decision, kept pure so a table test covers every machine. */
export function plan(probe: Probe): Plan {
  const missing = [
    ...(probe.hasChromium ? [] : [APT_PACKAGES.chromium]),
    ...(probe.hasFont ? [] : [APT_PACKAGES.font]),
  ]
  if (missing.length === 0) return { kind: 'ready' }
  if (probe.chromiumOverride !== undefined && !probe.hasChromium) {
    // apt installs /usr/bin/chromium, which is not where the override points.
    return {
      kind: 'stop',
      line: `npm test: CHROMIUM_PATH=${probe.chromiumOverride} is not an executable; point it at a chromium, or unset it to use ${DEFAULT_CHROMIUM} (apt-get install -y ${missing.join(' ')})`,
    }
  }
  if (probe.isRoot && probe.hasApt) return { kind: 'install', packages: missing }
  const sudo = probe.isRoot ? '' : 'sudo '
  return {
    kind: 'stop',
    line: `npm test: the browser tests need ${missing.join(' and ')}: run \`${sudo}apt-get update && ${sudo}apt-get install -y ${missing.join(' ')}\` (or set CHROMIUM_PATH), then npm test again`,
  }
}

function isExecutable(file: string): boolean {
  try {
    const stat = fs.statSync(file)
    if (!stat.isFile()) return false
    fs.accessSync(file, fs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && isExecutable(path.join(dir, command)))
}

function hasCjkFont(): boolean {
  if (fs.existsSync(FONT_FILE)) return true
  if (!onPath('fc-list')) return false
  const listed = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' })
  return listed.status === 0 && listed.stdout.includes(FONT_FAMILY)
}

export function probeMachine(env: NodeJS.ProcessEnv = process.env): Probe {
  const chromiumOverride = env.CHROMIUM_PATH || undefined
  return {
    chromiumOverride,
    hasChromium: isExecutable(chromiumOverride ?? DEFAULT_CHROMIUM),
    hasFont: hasCjkFont(),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasApt: onPath('apt-get'),
  }
}

function apt(args: string[]): boolean {
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  return result.status === 0
}

function main(): number {
  const first = plan(probeMachine())
  if (first.kind === 'ready') return 0
  if (first.kind === 'stop') {
    console.error(first.line)
    return 1
  }
  console.log(`npm test: installing ${first.packages.join(' ')} with apt-get for the browser tests`)
  const installed = apt(['update', '-qq']) && apt(['install', '-y', '-qq', ...first.packages])
  const after = plan(probeMachine())
  if (after.kind === 'ready') return 0
  console.error(
    installed
      ? `npm test: apt-get installed ${first.packages.join(' ')} but they are still missing; see the output above`
      : `npm test: apt-get could not install ${first.packages.join(' ')}; see the output above`,
  )
  return 1
}

if (require.main === module) process.exitCode = main()
