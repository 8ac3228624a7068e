import { spawnSync } from 'node:child_process'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')
export const OUT = path.join(ROOT, 'bench', 'out')

export type Target = 'weapp' | 'alipay' | 'jd' | 'h5' | 'harmony-hybrid'
/** Targets whose build is a web app (served and loaded in chromium). */
export type WebTarget = 'h5' | 'harmony-hybrid'
export type Variant = 'floor' | 'app'

export function outDir(variant: Variant, target: Target): string {
  return path.join(OUT, `${variant}-${target}`)
}

/** A production build of the floor or the app for one target, into bench/out. */
export function build(variant: Variant, target: Target): void {
  const result = spawnSync(
    process.execPath,
    [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', target],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        CARDLET_OUT: path.relative(ROOT, outDir(variant, target)),
        CARDLET_FLOOR: variant === 'floor' ? '1' : '0',
      },
    },
  )
  if (result.status !== 0) throw new Error(`build ${variant} ${target} failed`)
}

export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? sorted[mid]
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
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
