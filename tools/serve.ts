import fs from 'node:fs'
import path from 'node:path'

import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

import { buildSandbox, type SandboxOptions } from '../sandbox/app'

export interface ServeOptions extends SandboxOptions {
  /** Built H5 app to serve at `/`; omitted, only the issuer is served. */
  distDir?: string
  host?: string
  /** 0 picks a free port. */
  port?: number
}

export interface RunningServer {
  app: FastifyInstance
  /** Origin of the app and of the issuer API, e.g. http://127.0.0.1:5173 */
  url: string
  close(): Promise<void>
}

/**
 * One origin for the H5 app and the sandbox issuer: the H5 build calls the issuer
 * at its own origin (TARO_APP_ISSUER_BASE_URL empty), so no CORS and no port coupling.
 */
export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const app = await buildSandbox(options)
  if (options.distDir) {
    const root = path.resolve(options.distDir)
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      throw new Error(`no H5 build at ${root}: run \`npm run build:h5\` first`)
    }
    await app.register(fastifyStatic, { root, prefix: '/', index: ['index.html'] })
  }
  const host = options.host ?? '127.0.0.1'
  await app.listen({ host, port: options.port ?? 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return { app, url: `http://${host}:${port}`, close: () => app.close() }
}
