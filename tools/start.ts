import path from 'node:path'

import { isWebBuildFresh, taroBuild } from './lib/taro-build'
import { serve } from './serve'

/**
 * `npm start`: build the H5 app when its build is missing or older than the sources,
 * then serve it with the sandbox issuer on one 127.0.0.1 origin. Ctrl-C stops it all.
 *
 * PORT (default 5173) and SANDBOX_DB (default sandbox-data/sandbox.db) configure it.
 */
async function main(): Promise<void> {
  const distDir = path.resolve(__dirname, '..', 'dist', 'h5')
  if (!isWebBuildFresh(distDir)) {
    console.log('Building the H5 app (dist/h5)…')
    await taroBuild('h5', { outDir: distDir })
  }
  const server = await serve({
    distDir,
    port: Number(process.env.PORT ?? 5173),
    dbPath: process.env.SANDBOX_DB ?? path.resolve(__dirname, '..', 'sandbox-data', 'sandbox.db'),
  })
  console.log(
    `Cardlet is running: ${server.url}/  (issuer API at ${server.url}/v1, Ctrl-C to stop)`,
  )
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
