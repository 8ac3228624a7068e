import fs from 'node:fs'
import path from 'node:path'

import { buildEmbed, EMBED_TARGETS, EMBED_WIDGETS, embedDir } from './lib/embed-build'
import { kib, measurePackages, PACKAGE_LIMIT_BYTES, type PackageSize } from './lib/package-size'
import { runMain } from './lib/run-main'
import { taroBuild } from './lib/taro-build'

/**
 * `npm run size`: production builds of the mini-program targets and harmony-hybrid (its
 * whole web build is one package of the container's), then per-target, per-package raw
 * and gzip sizes in reports/size.json and reports/size.md; then each embed folder
 * (`dist/embed-<target>/cardlet`, which lands in the host's main package) per widget and
 * shared code, with its total against the limit.
 * Exits 1 when any package is over the platforms' 2 MB limit. Sizes are
 * deterministic, so this check is safe in CI.
 */
const root = path.resolve(__dirname, '..')
const TARGETS = ['weapp', 'alipay', 'jd', 'harmony-hybrid'] as const

interface TargetReport {
  target: string
  packages: PackageSize[]
}

async function main(): Promise<number> {
  const reports: TargetReport[] = []
  for (const target of TARGETS) {
    await taroBuild(target)
    reports.push({ target, packages: measurePackages(path.join(root, 'dist', target)) })
  }
  for (const target of EMBED_TARGETS) {
    await buildEmbed(target)
    const parts = measurePackages(embedDir(target), [...EMBED_WIDGETS]).map((p) => ({
      ...p,
      root: p.root ? `cardlet/${p.root}` : 'cardlet (shared, host.js)',
    }))
    const total = parts.reduce(
      (sum, p) => ({
        ...sum,
        files: sum.files + p.files,
        raw: sum.raw + p.raw,
        gzip: sum.gzip + p.gzip,
      }),
      { root: 'cardlet (all)', files: 0, raw: 0, gzip: 0 },
    )
    reports.push({ target: `embed-${target}`, packages: [total, ...parts] })
  }
  const rows = reports.flatMap(({ target, packages }) =>
    packages.map((p) => ({ target, ...p, overLimit: p.raw > PACKAGE_LIMIT_BYTES })),
  )
  const outDir = path.join(root, 'reports')
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(
    path.join(outDir, 'size.json'),
    `${JSON.stringify({ limitBytes: PACKAGE_LIMIT_BYTES, packages: rows }, null, 2)}\n`,
  )
  const table = [
    '| target | package | files | raw | gzip | within 2 MB |',
    '|---|---|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.target} | ${r.root || '(main)'} | ${r.files} | ${kib(r.raw)} | ${kib(r.gzip)} | ${r.overLimit ? 'NO' : 'yes'} |`,
    ),
  ].join('\n')
  fs.writeFileSync(path.join(outDir, 'size.md'), `# Package sizes\n\n${table}\n`)
  console.log(table)
  const over = rows.filter((r) => r.overLimit)
  for (const r of over)
    console.error(`${r.target} ${r.root || '(main)'} is ${kib(r.raw)}: over 2 MB`)
  return over.length > 0 ? 1 : 0
}

runMain(main)
