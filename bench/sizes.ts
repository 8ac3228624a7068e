import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

import { EMBED_TARGETS, EMBED_WIDGETS, type EmbedTarget } from '../tools/lib/embed-build'
import { measurePackages, PACKAGE_LIMIT_BYTES, type PackageSize } from '../tools/lib/package-size'
import { build, buildEmbedVariant, embedOutDir, outDir, ratio, type Target } from './lib'

/** Target: each mini-program package within this multiple of the floor's (reported). */
export const MINI_RATIO_BUDGET = 1.6
/**
 * The embed folder is expected within this multiple of the embed floor plus the widgets'
 * own folders (reported, never enforced: the embed's only limit is the 2 MB one).
 */
export const EMBED_FLOOR_FACTOR = 1.6
/** Each H5 widget page's transfer size target, as a multiple of the floor page's. */
export const H5_RATIO_TARGET = 1.25

/**
 * Each widget's headline (available credit shown, QR drawn, statement amount shown)
 * against the floor's text shown, at 466 × 466 with the CPU 6× slower: a target the
 * bench reports, never asserted (timings are noisy on these machines).
 */
export const HEADLINE_RATIO_TARGET = 1.3

/**
 * Packages still over MINI_RATIO_BUDGET, each with the ratio it may not exceed: a
 * ratchet while the work that shrinks them is open. `--strict` fails on any other miss and on
 * these above their cap, so they can only shrink; lower a cap as the package does, and
 * drop the entry once it is within the budget.
 */
export const KNOWN_MISSES: Readonly<Record<string, number>> = {
  // Card lock and the payment PIN (pad, check prompt, lock confirmation, PIN settings, the
  // strings in both languages) took the Alipay package from 1.595× to 1.666× of its floor
  // (417.5 → 436.1 KiB against 261.7 KiB, `npm run bench:sizes`, 2026-12-06); weapp 1.56×
  // and jd 1.58× stay within 1.6×. No stack package is dropped for it: what shrinks it is
  // Alipay-specific (its package carries both languages' tables and every widget).
  'alipay (main)': 1.67,
}

export interface MiniPackageRow {
  target: Target
  package: string
  raw: number
  gzip: number
  floorRaw: number
  ratio: number
  /** False for harmony-hybrid: its ratio target is per page (a web build), not per package. */
  hasRatioTarget: boolean
  withinRatio: boolean
  within2MB: boolean
}

export interface H5Transfer {
  /** gzip bytes of the HTML, JS and CSS the page needs at first load. */
  gzip: number
  files: string[]
}

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length
}

/** gzip bytes of the files (paths relative to the build folder) an H5 page loaded. */
export function h5Transfer(dir: string, files: string[]): H5Transfer {
  const unique = [...new Set(files)].filter((f) => fs.existsSync(path.join(dir, f)))
  return { gzip: unique.reduce((sum, f) => sum + gzipSize(path.join(dir, f)), 0), files: unique }
}

export async function buildAll(targets: Target[]): Promise<void> {
  for (const target of targets) {
    await build('floor', target)
    await build('app', target)
  }
}

/**
 * Targets measured as packages against the 2 MB limit and the floor: the mini-programs,
 * and harmony-hybrid, whose whole web build is what the container ships in its package
 * (an atomic service's package is capped at 2 MB too).
 */
export const PACKAGE_TARGETS = ['weapp', 'alipay', 'jd', 'harmony-hybrid'] as const

export function miniSizes(): MiniPackageRow[] {
  return PACKAGE_TARGETS.flatMap((target) => {
    const floor = measurePackages(outDir('floor', target))
    const floorMain = floor.find((p) => p.root === '')!
    return measurePackages(outDir('app', target)).map((p) => {
      const r = ratio(p.raw, floorMain.raw) ?? Number.POSITIVE_INFINITY
      const hasRatioTarget = target !== 'harmony-hybrid'
      return {
        target,
        package: p.root || '(main)',
        raw: p.raw,
        gzip: p.gzip,
        floorRaw: floorMain.raw,
        ratio: r,
        hasRatioTarget,
        withinRatio: !hasRatioTarget || r <= MINI_RATIO_BUDGET,
        within2MB: p.raw <= PACKAGE_LIMIT_BYTES,
      }
    })
  })
}

export const WIDGET_PAGES = [
  'pages/balance/index',
  'pages/pay-code/index',
  'pages/bill/index',
] as const

/** Files and bytes of one part of a folder (raw, and gzip per file at level 9, summed). */
export interface FolderPart {
  files: number
  raw: number
  gzip: number
}

export interface EmbedSizeRow {
  target: EmbedTarget
  /** The embed floor's whole output folder. */
  floor: FolderPart
  /** The whole embed folder, `cardlet/`, as a host copies it. */
  total: FolderPart
  /** Everything outside the widgets' folders: Taro's runtime, React, common chunks, host.js. */
  shared: FolderPart
  /** Each widget's own folder, `cardlet/<widget>/`. */
  widgets: (FolderPart & { widget: (typeof EMBED_WIDGETS)[number] })[]
  /** total raw / floor raw. */
  ratio: number
  /** EMBED_FLOOR_FACTOR × the floor's raw bytes + the widgets' own raw bytes. */
  expectedRaw: number
  withinExpected: boolean
  within2MB: boolean
}

export async function buildEmbeds(): Promise<void> {
  for (const target of EMBED_TARGETS) {
    await buildEmbedVariant('floor-embed', target)
    await buildEmbedVariant('embed', target)
  }
}

function part({ files, raw, gzip }: PackageSize): FolderPart {
  return { files, raw, gzip }
}

function sum(parts: FolderPart[]): FolderPart {
  return parts.reduce(
    (a, b) => ({ files: a.files + b.files, raw: a.raw + b.raw, gzip: a.gzip + b.gzip }),
    { files: 0, raw: 0, gzip: 0 },
  )
}

/** Each target's embed folder, per widget and shared, against the embed floor. */
export function embedSizes(): EmbedSizeRow[] {
  return EMBED_TARGETS.map((target) => {
    const floor = sum(measurePackages(embedOutDir('floor-embed', target), []).map(part))
    const parts = measurePackages(embedOutDir('embed', target), [...EMBED_WIDGETS])
    const shared = part(parts.find((p) => p.root === '') as PackageSize)
    const widgets = EMBED_WIDGETS.map((widget) => ({
      widget,
      ...part(parts.find((p) => p.root === widget) as PackageSize),
    }))
    const total = sum([shared, ...widgets])
    const expectedRaw = EMBED_FLOOR_FACTOR * floor.raw + sum(widgets).raw
    return {
      target,
      floor,
      total,
      shared,
      widgets,
      ratio: ratio(total.raw, floor.raw) ?? Number.POSITIVE_INFINITY,
      expectedRaw,
      withinExpected: total.raw <= expectedRaw,
      within2MB: total.raw <= PACKAGE_LIMIT_BYTES,
    }
  })
}
