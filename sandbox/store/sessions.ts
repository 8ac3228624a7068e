import type Database from 'better-sqlite3'

import { hash } from './schema'

/** An access token's row: whose it is, its session family and its lifetime. */
export interface AccessRow {
  user_id: string
  family: string
  expires_at: number
  revoked: number
}

/** A refresh token's row, with the pair it was rotated into (for the grace window). */
export interface RefreshRow extends AccessRow {
  token_hash: string
  used: number
  successor_hash: string | null
  grace_pair: string | null
}

/** A new token pair with the times (sandbox ms) each stops working. */
export interface TokenPair {
  access: string
  accessExpiresAt: number
  refresh: string
  refreshExpiresAt: number
}

/** Single-use login codes and the session tokens (stored as hashes only). */
export function sessionRepository(db: Database.Database) {
  const insertToken = (kind: string, token: string, userId: string, family: string, at: number) =>
    db
      .prepare(
        'INSERT INTO tokens (token_hash, kind, user_id, family, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(hash(token), kind, userId, family, at)
  const issue = (userId: string, family: string, pair: TokenPair) => {
    insertToken('access', pair.access, userId, family, pair.accessExpiresAt)
    insertToken('refresh', pair.refresh, userId, family, pair.refreshExpiresAt)
  }
  return {
    /** False when this login code was already used. */
    useLoginCode(code: string, at: string): boolean {
      return (
        db
          .prepare('INSERT OR IGNORE INTO login_codes (code_hash, used_at) VALUES (?, ?)')
          .run(hash(code), at).changes > 0
      )
    },

    access(token: string): AccessRow | undefined {
      return db
        .prepare(
          "SELECT user_id, family, expires_at, revoked FROM tokens WHERE token_hash = ? AND kind = 'access'",
        )
        .get(hash(token)) as AccessRow | undefined
    },

    refresh(token: string): RefreshRow | undefined {
      return db
        .prepare("SELECT * FROM tokens WHERE token_hash = ? AND kind = 'refresh'")
        .get(hash(token)) as RefreshRow | undefined
    },

    /** Whether the refresh token a rotation produced is still unspent. */
    successorUnused(row: RefreshRow): boolean {
      if (!row.successor_hash) return false
      const successor = db
        .prepare('SELECT used, revoked FROM tokens WHERE token_hash = ?')
        .get(row.successor_hash) as { used: number; revoked: number } | undefined
      return successor !== undefined && !successor.used && !successor.revoked
    },

    issue,

    /**
     * One transaction: the new pair is stored and the old refresh token is spent, with
     * the (sealed) pair kept for a retry whose answer was lost.
     */
    rotate(old: RefreshRow, pair: TokenPair, gracePair: string): void {
      db.transaction(() => {
        issue(old.user_id, old.family, pair)
        db.prepare(
          'UPDATE tokens SET used = 1, successor_hash = ?, grace_pair = ? WHERE token_hash = ?',
        ).run(hash(pair.refresh), gracePair, old.token_hash)
      })()
    },

    revokeFamily(family: string): void {
      db.prepare('UPDATE tokens SET revoked = 1 WHERE family = ?').run(family)
    },
  }
}
