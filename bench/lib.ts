import fs from 'node:fs'
import path from 'node:path'

import { buildEmbed, type EmbedTarget } from '../tools/lib/embed-build'
import { taroBuild, type TaroTarget } from '../tools/lib/taro-build'

export const ROOT = path.resolve(__dirname, '..')
export const OUT = path.join(ROOT, 'bench', 'out')

export type Target = TaroTarget
/** Targets whose build is a web app (served and loaded in chromium). */
export type WebTarget = 'h5' | 'harmony-hybrid'
export type Variant = 'floor' | 'app'

export function outDir(variant: Variant, target: Target): string {
  return path.join(OUT, `${variant}-${target}`)
}

/** A production build of the floor or the app for one target, into bench/out. */
export function build(variant: Variant, target: Target): Promise<void> {
  return taroBuild(target, {
    outDir: outDir(variant, target),
    env: { CARDLET_FLOOR: variant === 'floor' ? '1' : '0' },
    stdout: 'ignore',
  })
}

/**
 * The embed floor (a bare Taro + React + NutUI native component, bench/floor-embed/src) or
 * Cardlet's embed folder, both built with `taro build native-components`.
 */
export type EmbedVariant = 'floor-embed' | 'embed'

/** Where the bench builds an embed variant: the embed folder keeps its name, `cardlet`. */
export function embedOutDir(variant: EmbedVariant, target: EmbedTarget): string {
  return variant === 'embed'
    ? path.join(OUT, `embed-${target}`, 'cardlet')
    : path.join(OUT, `floor-embed-${target}`)
}

/**
 * A production build of the embed floor or of Cardlet's embed folder (tools/lib/
 * embed-build.ts), into bench/out: never dist/, which the mini-program tests read.
 */
export async function buildEmbedVariant(variant: EmbedVariant, target: EmbedTarget): Promise<void> {
  const out = embedOutDir(variant, target)
  if (variant === 'embed') return buildEmbed(target, out)
  fs.rmSync(out, { recursive: true, force: true })
  await taroBuild(target, {
    outDir: out,
    nativeComponents: true,
    env: { CARDLET_FLOOR_EMBED: '1' },
    stdout: 'ignore',
  })
  // config/index.ts picks bench/floor-embed/src for CARDLET_FLOOR_EMBED=1.
  const component = path.join(out, 'hello', 'index.json')
  if (!fs.existsSync(component)) throw new Error(`embed floor ${target}: no ${component}`)
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? sorted[mid]
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** The `q` quantile (0–1) of `values`, linearly interpolated between the nearest ranks. */
export function quantile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const at = (sorted.length - 1) * q
  const low = sorted[Math.floor(at)] as number
  const high = sorted[Math.ceil(at)] as number
  return low + (high - low) * (at - Math.floor(at))
}

export function ratio(value: number | undefined, floor: number | undefined): number | undefined {
  return value === undefined || !floor ? undefined : value / floor
}

export const fmt = {
  kib: (bytes: number | undefined) =>
    bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB`,
  ms: (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(0)} ms`),
  x: (r: number | undefined) => (r === undefined ? 'n/a' : `${r.toFixed(2)}×`),
  mb: (bytes: number | undefined) =>
    bytes === undefined ? 'n/a' : `${(bytes / 1048576).toFixed(1)} MB`,
}
