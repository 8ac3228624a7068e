import rateLimit from '@fastify/rate-limit'
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
}

/** The request budget of the routes in the scope it is registered in (the issuer routes). */
export default fp<Options>(
  async (app, { store, clock, max, timeWindowMs }) => {
    await app.register(rateLimit, {
      global: true,
      max,
      timeWindow: timeWindowMs,
      // A valid session has its own budget; anything else (no header, a made-up or revoked
      // token) spends the client address's, so a random header per request buys nothing.
      keyGenerator: (request) => {
        const token = bearerOf(request)
        const row = token ? store.sessions.access(token) : undefined
        return token && row && !row.revoked && row.expires_at > clock.now()
          ? `t:${hash(token)}`
          : `ip:${request.ip}`
      },
      errorResponseBuilder: (_request, context) =>
        new Problem(
          429,
          'rate_limited',
          'too many requests for this session',
          Math.ceil(context.ttl / 1000),
        ),
    })
  },
  { name: 'rate-limit' },
)
