import type { EndpointId } from '@contract'
import rateLimit from '@fastify/rate-limit'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

import type { SandboxClock } from '../clock'
import { hash, type SandboxStore } from '../store'
import { bearerOf } from './auth'
import { Problem } from './problems'

interface Options {
  store: SandboxStore
  clock: SandboxClock
  max: number
  timeWindowMs: number
  /** Limit these endpoints alone (the sandbox's till); default every route of the scope. */
  only?: readonly string[]
}

/**
 * Routes whose budget is the client address's whatever the headers say: the ones that
 * create sessions (a live session's token must not buy a fresh budget for new ones), and
 * the till's scan (a till has no session of its own).
 */
const BY_ADDRESS: ReadonlySet<string> = new Set([
  'createSession',
  'refreshSession',
  'sandboxScan',
] satisfies EndpointId[])

const endpointOf = (request: FastifyRequest) => request.routeOptions.config.endpoint?.id

/** The request budget of the routes in the scope it is registered in. */
export default fp<Options>(
  async (app, { store, clock, max, timeWindowMs, only }) => {
    await app.register(rateLimit, {
      global: true,
      max,
      timeWindow: timeWindowMs,
      allowList: (request: FastifyRequest) => {
        const id = endpointOf(request)
        return only !== undefined && (id === undefined || !only.includes(id))
      },
      // A valid session has its own budget; anything else (no header, a made-up or revoked
      // token) spends the client address's, so a random header per request buys nothing.
      keyGenerator: (request) => {
        if (BY_ADDRESS.has(endpointOf(request) ?? '')) return `ip:${request.ip}`
        const token = bearerOf(request)
        const row = token ? store.sessions.access(token) : undefined
        return token && row && !row.revoked && row.expires_at > clock.now()
          ? `t:${hash(token)}`
          : `ip:${request.ip}`
      },
      errorResponseBuilder: (_request, context) =>
        new Problem(429, 'rate_limited', 'too many requests', Math.ceil(context.ttl / 1000)),
    })
  },
  { name: 'rate-limit' },
)
