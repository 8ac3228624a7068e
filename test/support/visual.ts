import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')
export const BASELINES = path.join(root, 'test', 'visual', 'baselines')

/**
 * What changes from one run to the next and is masked in every screenshot compared:
 * the pay code's QR, barcode, digits and countdown.
 */
export const MOVING_PARTS = [
  '#paycode-qr',
  '#paycode-barcode',
  '#paycode-digits',
  '#paycode-countdown',
] as const

/** Share of pixels that may differ (font hinting, sub-pixel noise) before a test fails. */
export const MAX_DIFF_RATIO = 0.002

export interface VisualDiff {
  width: number
  height: number
  diffPixels: number
  ratio: number
  sameSize: boolean
}

/** Runs tools/visual-diff.mjs (pixelmatch) on two PNG files. */
export function diffImages(baseline: string, actual: string, diffOut?: string): VisualDiff {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'tools', 'visual-diff.mjs'), baseline, actual, ...(diffOut ? [diffOut] : [])],
    { encoding: 'utf8' },
  )
  if (run.status !== 0) throw new Error(`visual-diff failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as VisualDiff
}

/** Where a set of baselines lives and the command that rewrites them. */
export interface BaselineSet {
  dir: string
  update: string
}

/** The H5 pages' baselines. */
export const H5_BASELINES: BaselineSet = { dir: BASELINES, update: 'npm run test:visual:update' }

/**
 * Compares a screenshot with its committed baseline. With UPDATE_BASELINES=1
 * (`set.update`) the screenshot becomes the baseline instead.
 * A missing baseline is a failure, never a silent pass.
 */
export function matchBaseline(
  name: string,
  actualPng: Buffer,
  artifactsDir: string,
  set: BaselineSet = H5_BASELINES,
): VisualDiff {
  const baseline = path.join(set.dir, `${name}.png`)
  if (process.env.UPDATE_BASELINES === '1') {
    fs.mkdirSync(set.dir, { recursive: true })
    fs.writeFileSync(baseline, actualPng)
  }
  if (!fs.existsSync(baseline)) {
    throw new Error(`no baseline ${path.relative(root, baseline)}: run ${set.update}`)
  }
  fs.mkdirSync(artifactsDir, { recursive: true })
  const actual = path.join(artifactsDir, `${name}.png`)
  fs.writeFileSync(actual, actualPng)
  return diffImages(baseline, actual, path.join(artifactsDir, `${name}.diff.png`))
}
