import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

import type { SandboxClock } from '../clock'
import type { CardRow, SandboxStore } from '../store'
import { problem } from './problems'

/** Who a request's bearer token belongs to, and the session family it was issued in. */
export interface AccessSession {
  userId: string
  family: string
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, on a route whose endpoint requires auth. */
    session: AccessSession | null
    /** The `{card_id}` of the path, once it proved to be the user's own card. */
    card: CardRow | null
  }
}

/** The bearer token of the Authorization header, if it has that form. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined
}

/**
 * Auth for the routes whose contract endpoint says `auth`: the bearer token must be a
 * live access token, and a `{card_id}` in the path must be one of the user's cards
 * (another user's card answers exactly like a card that does not exist).
 */
export default fp<{ store: SandboxStore; clock: SandboxClock }>(
  async (app, { store, clock }) => {
    app.decorateRequest('session', null)
    app.decorateRequest('card', null)
    app.addHook('preHandler', async (request) => {
      if (!request.routeOptions.config.endpoint?.auth) return
      const token = bearerOf(request)
      if (!token) return problem(401, 'unauthorized', 'a bearer token is required')
      const row = store.sessions.access(token)
      if (!row || row.revoked) return problem(401, 'unauthorized', 'unknown or revoked token')
      if (row.expires_at <= clock.now() || request.fault?.token === 'expired') {
        return problem(401, 'token_expired', 'the access token has expired')
      }
      request.session = { userId: row.user_id, family: row.family }
      const { card_id: cardId } = request.params as { card_id?: string }
      if (cardId === undefined) return
      request.card =
        store.cards.owned(row.user_id, cardId) ?? problem(404, 'not_found', 'no such card')
    })
  },
  { name: 'auth', dependencies: ['faults'] },
)
