import { Writable } from 'node:stream'

import { type Endpoint, matchEndpoint, ProblemSchema } from '@contract'
import { buildOpenApi } from '@contract/openapi'
import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'

import { buildSandbox, type SandboxOptions } from '../../sandbox/app'

type OpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>
}
const DOC = buildOpenApi() as OpenApi

export interface CallInit {
  token?: string
  body?: unknown
  headers?: Record<string, string>
  /**
   * Skip the contract check: for answers that are broken on purpose (injected body
   * faults, wrong content types) or that match no documented route.
   */
  raw?: boolean
}

export interface CallResult {
  status: number
  headers: Headers
  body: unknown
  text: string
}

export interface Harness {
  app: FastifyInstance
  base: string
  logs: string[]
  /** `operationId status` of every checked answer, for coverage assertions. */
  seen: Set<string>
  close(): Promise<void>
  call(method: string, path: string, init?: CallInit): Promise<CallResult>
  signIn(persona: string): Promise<{ access: string; refresh: string }>
}

/** Which statuses the OpenAPI document lists for an operation. */
export function documentedStatuses(endpoint: Endpoint): string[] {
  return Object.keys(DOC.paths[endpoint.path]?.[endpoint.method]?.responses ?? {})
}

/**
 * Checks one answer against the contract: the status is documented for the route,
 * a success body parses with the route's valibot schema, an error is a problem+json
 * whose request_id is the X-Request-Id header, and no-store routes say so.
 */
export function checkAgainstContract(method: string, path: string, result: CallResult): Endpoint {
  const endpoint = matchEndpoint(method, path)
  if (!endpoint) throw new Error(`${method} ${path}: no such route in the contract`)
  const where = `${method} ${path} → ${result.status}`
  if (!documentedStatuses(endpoint).includes(String(result.status))) {
    throw new Error(`${where}: status not documented (${documentedStatuses(endpoint).join(', ')})`)
  }
  const requestId = result.headers.get('x-request-id')
  if (!requestId) throw new Error(`${where}: no X-Request-Id`)
  if (result.status >= 400) {
    if (!/^application\/problem\+json/.test(result.headers.get('content-type') ?? '')) {
      throw new Error(`${where}: not problem+json`)
    }
    const parsed = v.safeParse(ProblemSchema, result.body)
    if (!parsed.success) throw new Error(`${where}: ${v.summarize(parsed.issues)}`)
    if (parsed.output.status !== result.status || parsed.output.request_id !== requestId) {
      throw new Error(`${where}: problem status/request_id disagree with the response`)
    }
    if ((result.status === 429 || result.status === 503) && !result.headers.get('retry-after')) {
      throw new Error(`${where}: no Retry-After`)
    }
    return endpoint
  }
  const schema = endpoint.responses[result.status]
  if (schema === null || result.status === 304) {
    if (result.text !== '') throw new Error(`${where}: expected an empty body`)
  } else if (schema) {
    const schemas = Array.isArray(schema) ? schema : [schema]
    const failures = schemas
      .map((s) => v.safeParse(s, result.body))
      .filter((parsed) => !parsed.success)
    if (failures.length === schemas.length) {
      const first = failures[0]
      throw new Error(`${where}: ${first && !first.success ? v.summarize(first.issues) : ''}`)
    }
  }
  if (
    endpoint.noStore &&
    result.status < 300 &&
    result.headers.get('cache-control') !== 'no-store'
  ) {
    throw new Error(`${where}: expected Cache-Control: no-store`)
  }
  return endpoint
}

/**
 * A sandbox issuer on 127.0.0.1:<free port>, in memory, with its log lines captured.
 * Every answer is checked against the contract (see checkAgainstContract) unless
 * the call says `raw`.
 */
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
  const seen = new Set<string>()
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
    const result = { status: response.status, headers: response.headers, body, text }
    if (!init.raw) {
      const endpoint = checkAgainstContract(method, path, result)
      seen.add(`${endpoint.id} ${result.status}`)
    }
    return result
  }
  return {
    app,
    base,
    logs,
    seen,
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
