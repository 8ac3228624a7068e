import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/** WeChat, Alipay and HarmonyOS atomic services all cap one package at 2 MB. */
export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024

export interface PackageSize {
  /** Package root relative to the target's output folder ('' is the main package). */
  root: string
  files: number
  raw: number
  gzip: number
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

function subpackageRoots(outDir: string): string[] {
  const appJson = path.join(outDir, 'app.json')
  if (!fs.existsSync(appJson)) return []
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as {
    subpackages?: { root: string }[]
    subPackages?: { root: string }[]
  }
  return (app.subpackages ?? app.subPackages ?? []).map((s) => s.root.replace(/\/$/, ''))
}

/**
 * Raw and gzip bytes of every package in a mini-program build: the main package and
 * each subpackage declared in app.json (or each folder in `roots`: an embed folder's
 * widgets, beside what they share). Gzip is per file at level 9, summed (what a
 * package's transfer costs); raw is what the platforms' 2 MB limit counts.
 */
export function measurePackages(
  outDir: string,
  roots: string[] = subpackageRoots(outDir),
): PackageSize[] {
  const sizes = new Map<string, PackageSize>([['', { root: '', files: 0, raw: 0, gzip: 0 }]])
  for (const root of roots) sizes.set(root, { root, files: 0, raw: 0, gzip: 0 })
  for (const file of filesUnder(outDir)) {
    const relative = path.relative(outDir, file).split(path.sep).join('/')
    if (relative.endsWith('.LICENSE.txt') || relative.endsWith('.map')) continue
    const root = roots.find((r) => relative.startsWith(`${r}/`)) ?? ''
    const entry = sizes.get(root) as PackageSize
    const content = fs.readFileSync(file)
    entry.files += 1
    entry.raw += content.length
    entry.gzip += zlib.gzipSync(content, { level: 9 }).length
  }
  return [...sizes.values()]
}

export function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`
}
