import fs from 'node:fs'
import path from 'node:path'

import { build } from 'esbuild'

import { writeEmbedPages } from './embed-pages'
import { taroBuild } from './taro-build'

/**
 * The embed build (`npm run build:embed:<weapp|jd|alipay>`, tools/build-embed.ts): the
 * folder a bank copies into its own mini-program's root (docs/embedding.md),
 * `dist/embed-<target>/cardlet/`:
 * - the three widgets as custom components, `cardlet/<balance|pay-code|bill>/index`
 *   (Taro's native-components mode on `src/embed`, config/index.ts CARDLET_EMBED);
 * - `cardlet/host.js`, the host's `configure()` (src/embed/host.ts), bundled on its own
 *   because the host's code requires it and Taro's mode builds components only;
 * - `cardlet/pages/<home|balance|pay-code|bill>/index`, the full pages for a host that
 *   declares `cardlet` an independent subpackage (tools/lib/embed-pages.ts).
 * Checks what a host's compiler would refuse: every component declared as one.
 */

const root = path.resolve(__dirname, '..', '..')
export const EMBED_TARGETS = ['weapp', 'jd', 'alipay'] as const
export type EmbedTarget = (typeof EMBED_TARGETS)[number]
export const EMBED_WIDGETS = ['balance', 'pay-code', 'bill'] as const

/** Where a target's embed folder is written. */
export function embedDir(target: EmbedTarget): string {
  return path.join(root, 'dist', `embed-${target}`, 'cardlet')
}

/** Builds one target's embed folder and checks it. */
export async function buildEmbed(
  target: EmbedTarget,
  out: string = embedDir(target),
): Promise<void> {
  fs.rmSync(path.dirname(out), { recursive: true, force: true })
  await taroBuild(target, {
    outDir: out,
    nativeComponents: true,
    env: { CARDLET_EMBED: '1' },
    stdout: 'ignore',
  })
  await build({
    entryPoints: [path.join(root, 'src/embed/host.ts')],
    outfile: path.join(out, 'host.js'),
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2017',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  })
  await writeEmbedPages(target, out)
  for (const widget of EMBED_WIDGETS) {
    const file = path.join(out, widget, 'index.json')
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { component?: boolean }
    if (json.component !== true) throw new Error(`${file}: not declared a component`)
  }
}
