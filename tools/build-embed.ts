import path from 'node:path'

import { buildEmbed, EMBED_TARGETS, embedDir, type EmbedTarget } from './lib/embed-build'
import { runMain } from './lib/run-main'

/** `npm run build:embed:<weapp|jd|alipay>`: dist/embed-<target>/cardlet (tools/lib/embed-build.ts). */
runMain(async () => {
  const asked = process.argv.slice(2)
  const unknown = asked.filter((t) => !(EMBED_TARGETS as readonly string[]).includes(t))
  if (unknown.length > 0 || asked.length === 0) {
    console.error(`usage: build-embed <${EMBED_TARGETS.join('|')}>...`)
    return 2
  }
  for (const target of asked as EmbedTarget[]) {
    await buildEmbed(target)
    console.log(`embed ${target}: ${path.relative(process.cwd(), embedDir(target))}`)
  }
  return 0
})
