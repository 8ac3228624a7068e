import {
  type Endpoint,
  type EndpointId,
  type EndpointOf,
  ENDPOINTS,
  type EndpointTag,
  type PathParams,
  type RouteOf,
} from '@contract'
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import * as v from 'valibot'

import type { Sandbox } from '../options'
import type { CardRow } from '../store'
import type { AccessSession } from './auth'
import { problem } from './problems'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract entry a route serves: hooks read auth, noStore and more from it. */
    endpoint?: Endpoint
  }
}

type Decoded<E, F extends 'request' | 'query'> = E extends { [P in F]: infer S }
  ? S extends v.GenericSchema
    ? v.InferOutput<S>
    : never
  : undefined

/** What a handler is given: the request, validated and authenticated as its endpoint says. */
export interface Call<K extends EndpointId> {
  request: FastifyRequest
  reply: FastifyReply
  body: Decoded<EndpointOf<K>, 'request'>
  query: Decoded<EndpointOf<K>, 'query'>
  params: PathParams<RouteOf<K>[1]>
  session: EndpointOf<K> extends { auth: true } ? AccessSession : null
  card: RouteOf<K>[1] extends `${string}{card_id}${string}` ? CardRow : null
  idempotencyKey: EndpointOf<K> extends { idempotencyKey: true } ? string : null
}

export type Handler<K extends EndpointId> = (call: Call<K>) => unknown

/** The endpoints of one contract tag, each with its handler: one missing or extra fails to compile. */
export type Handlers<T extends EndpointTag> = {
  [K in EndpointId as EndpointOf<K>['tag'] extends T ? K : never]: Handler<K>
}

/** A resource plugin: it serves every endpoint of its tag, and no other route. */
export type Resource<T extends EndpointTag> = FastifyPluginAsync<Sandbox> & { tag: T }

/** Validation, in this one place: the first issue answers 422 with its path. */
function parse(schema: v.GenericSchema, value: unknown, where: string): unknown {
  const result = v.safeParse(schema, value)
  if (result.success) return result.output
  const issue = result.issues[0]
  return problem(422, 'validation_failed', `${v.getDotPath(issue) ?? where}: ${issue.message}`)
}

/** The wire carries query strings: a digit string stands for its number. */
function decodeQuery(query: unknown): Record<string, unknown> {
  const decoded: Record<string, unknown> = {}
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    decoded[name] = typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value
  }
  return decoded
}

function idempotencyKeyOf(request: FastifyRequest): string {
  const key = request.headers['idempotency-key']
  if (typeof key === 'string' && /^[\w-]{8,128}$/.test(key)) return key
  return problem(
    400,
    'idempotency_key_required',
    'an Idempotency-Key header (8-128 letters, digits, _ or -) is required',
  )
}

/**
 * Registers the endpoints of `tag` from the contract's table (in a scope whose prefix
 * is `/v1`): the path's `{name}` becomes `:name`, and each request is checked as its
 * endpoint says (auth by the auth plugin, then Idempotency-Key, body, query) before
 * its handler runs.
 */
export function resource<T extends EndpointTag>(
  tag: T,
  setup: (sandbox: Sandbox, app: FastifyInstance) => Handlers<T>,
): Resource<T> {
  const plugin: FastifyPluginAsync<Sandbox> = async (app, sandbox) => {
    const handlers = setup(sandbox, app) as unknown as Record<string, Handler<EndpointId>>
    for (const endpoint of ENDPOINTS.filter((e) => e.tag === tag)) {
      const handle = handlers[endpoint.id]
      if (!handle) throw new Error(`no handler for ${endpoint.id}`)
      app.route({
        method: endpoint.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE',
        url: endpoint.path.replace(/^\/v1/, '').replace(/\{(\w+)\}/g, ':$1'),
        config: { endpoint },
        handler: async (request, reply) => {
          const idempotencyKey = endpoint.idempotencyKey ? idempotencyKeyOf(request) : null
          const call = {
            request,
            reply,
            session: request.session,
            card: request.card,
            idempotencyKey,
            params: request.params,
            body: endpoint.request ? parse(endpoint.request, request.body, 'body') : undefined,
            query: endpoint.query
              ? parse(endpoint.query, decodeQuery(request.query), 'query')
              : undefined,
          }
          return handle(call as Call<EndpointId>)
        },
      })
    }
  }
  return Object.assign(plugin, { tag })
}
