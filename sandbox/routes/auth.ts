import crypto from 'node:crypto'

import type { Session } from '@contract'

import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'
import type { TokenPair } from '../store'

/**
 * The pair a refresh issued, sealed (AES-256-GCM) with a key derived from the refresh
 * token that was spent for it: the database holds only hashes of live tokens, and the
 * sealed pair opens only for a caller who still has the old token.
 */
function graceKey(oldRefreshToken: string): Buffer {
  return crypto.createHash('sha256').update(`cardlet-refresh-grace:${oldRefreshToken}`).digest()
}

function sealGracePair(oldRefreshToken: string, pair: Session): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', graceKey(oldRefreshToken), iv)
  const sealed = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')
}

function openGracePair(oldRefreshToken: string, sealed: string): unknown {
  const bytes = Buffer.from(sealed, 'base64')
  const decipher = crypto.createDecipheriv(
    'aes-256-gcm',
    graceKey(oldRefreshToken),
    bytes.subarray(0, 12),
  )
  decipher.setAuthTag(bytes.subarray(12, 28))
  return JSON.parse(
    Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8'),
  ) as unknown
}

/** Sessions: sign-in with a platform login code, refresh rotation, sign-out. */
export default resource('auth', ({ store, clock, settings }) => {
  /** A fresh token pair, and the session answer that hands it out. */
  const newPair = (): { pair: TokenPair; session: Session } => {
    const pair: TokenPair = {
      access: crypto.randomBytes(32).toString('base64url'),
      accessExpiresAt: clock.now() + settings.accessTtlS * 1000,
      refresh: crypto.randomBytes(32).toString('base64url'),
      refreshExpiresAt: clock.now() + settings.refreshTtlS * 1000,
    }
    const session: Session = {
      access_token: pair.access,
      token_type: 'Bearer',
      expires_in: settings.accessTtlS,
      refresh_token: pair.refresh,
      refresh_expires_in: settings.refreshTtlS,
    }
    return { pair, session }
  }

  return {
    createSession: ({ body, reply }) => {
      const match = /^sandbox:([a-z-]+)(?::(.+))?$/.exec(body.code)
      const userId = match?.[1] ? store.cards.userForPersona(match[1]) : undefined
      if (!match || !userId) return problem(401, 'invalid_grant', 'unknown login code')
      if (match[2] && !store.sessions.useLoginCode(body.code, clock.iso())) {
        return problem(401, 'invalid_grant', 'login code already used')
      }
      const { pair, session } = newPair()
      store.sessions.issue(userId, crypto.randomUUID(), pair)
      reply.code(201)
      return session
    },

    refreshSession: ({ body, reply }) => {
      const row = store.sessions.refresh(body.refresh_token)
      if (!row) return problem(401, 'invalid_grant', 'unknown refresh token')
      if (row.revoked) return problem(401, 'refresh_reused', 'this session was revoked')
      // An expired token grants nothing, rotated or not: nothing to revoke either.
      if (row.expires_at <= clock.now()) {
        return problem(401, 'invalid_grant', 'refresh token expired')
      }
      if (row.used) {
        // While the pair it was rotated into is unused, the same token is a retry whose
        // answer was lost, however long the device was offline since: the same pair again.
        // Once that pair's refresh token was used, the old one can only be a copy.
        if (row.grace_pair !== null && store.sessions.successorUnused(row)) {
          reply.code(201)
          return openGracePair(body.refresh_token, row.grace_pair)
        }
        // Reuse of a rotated token means a copy exists: revoke the whole family.
        store.revokeFamily(row.family)
        return problem(401, 'refresh_reused', 'refresh token reused: session revoked')
      }
      // The old refresh token is spent; access tokens already issued live out their
      // short lifetime, so requests in flight during a rotation do not fail. The new pair
      // is kept until its refresh token is used, sealed with a key only the old token yields.
      const { pair, session } = newPair()
      store.sessions.rotate(row, pair, sealGracePair(body.refresh_token, session))
      reply.code(201)
      return session
    },

    deleteSession: ({ session, reply }) => {
      // Signing out also revokes the offline seeds this session provisioned (the device's).
      store.revokeFamily(session.family)
      return reply.code(204).send()
    },
  }
})
