import { Writable } from 'node:stream'

import type { FastifyInstance } from 'fastify'

import { buildSandbox, type SandboxOptions } from '../../sandbox/app'

export interface Harness {
  app: FastifyInstance
  base: string
  logs: string[]
  close(): Promise<void>
  call(
    method: string,
    path: string,
    init?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; body: unknown; text: string }>
  signIn(persona: string): Promise<{ access: string; refresh: string }>
}

/** A sandbox issuer on 127.0.0.1:<free port>, in memory, with its log lines captured. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Harness> {
  const logs: string[] = []
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk))
      done()
    },
  })
  const app = await buildSandbox({ dbPath: ':memory:', logger: true, logStream, ...options })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  let nonce = 0
  const call: Harness['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers }
    if (init.token) headers.Authorization = `Bearer ${init.token}`
    if (init.body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await response.text()
    let body: unknown = undefined
    try {
      body = text ? JSON.parse(text) : undefined
    } catch {
      body = undefined
    }
    return { status: response.status, headers: response.headers, body, text }
  }
  return {
    app,
    base,
    logs,
    call,
    close: () => app.close(),
    async signIn(persona) {
      nonce += 1
      const { status, body } = await call('POST', '/v1/auth/sessions', {
        body: { provider: 'h5', code: `sandbox:${persona}:${nonce}` },
      })
      if (status !== 201) throw new Error(`sign-in as ${persona}: ${status}`)
      const session = body as { access_token: string; refresh_token: string }
      return { access: session.access_token, refresh: session.refresh_token }
    },
  }
}
