import path from 'node:path'

import { buildSandbox, DEFAULT_SEED } from './app'

/**
 * `npm run sandbox`: the sandbox issuer alone on 127.0.0.1.
 *
 *   SANDBOX_PORT  port (default 4010; 0 picks a free one)
 *   SANDBOX_DB    SQLite file (default sandbox-data/sandbox.db, created and seeded on first run)
 *   SANDBOX_SEED  seed of codes, ids and fault rolls (default 42)
 *   --reset       drop all data and seed the personas again
 *   --quiet       no request log lines
 */
async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2))
  const port = Number(process.env.SANDBOX_PORT ?? 4010)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`SANDBOX_PORT must be a port number, not ${process.env.SANDBOX_PORT}`)
  }
  const dbPath = path.resolve(
    process.env.SANDBOX_DB ?? path.join(__dirname, '..', 'sandbox-data', 'sandbox.db'),
  )
  const app = await buildSandbox({
    dbPath,
    seed: process.env.SANDBOX_SEED ? Number(process.env.SANDBOX_SEED) : DEFAULT_SEED,
    reset: args.has('--reset'),
    logger: !args.has('--quiet'),
  })
  await app.listen({ host: '127.0.0.1', port })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`
  console.log(`Sandbox issuer: ${url}/v1  (docs ${url}/docs, OpenAPI ${url}/v1/openapi.json)`)
  console.log(`Database: ${path.relative(process.cwd(), dbPath) || dbPath}`)
  console.log(
    'Sign in with code sandbox:<persona>; personas: good, overdue, maxed, no-statement, multi-card',
  )

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping`)
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
