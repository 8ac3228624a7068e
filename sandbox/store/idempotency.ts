import type Database from 'better-sqlite3'

/** What an Idempotency-Key already holds: the request it was claimed for and its answer. */
export interface StoredIdempotency {
  request_hash: string
  state: 'in_progress' | 'done'
  status: number | null
  body: string | null
}

/** The one writer of the idempotency table: claim a key, release it, or record its answer. */
export function idempotencyRepository(db: Database.Database) {
  return {
    /** Claims `key` for this request; when it is taken, what it holds. */
    claim(userId: string, key: string, requestHash: string): StoredIdempotency | 'claimed' {
      const claimed = db
        .prepare(
          "INSERT OR IGNORE INTO idempotency (user_id, key, request_hash, state) VALUES (?, ?, ?, 'in_progress')",
        )
        .run(userId, key, requestHash)
      if (claimed.changes === 1) return 'claimed'
      return db
        .prepare(
          'SELECT request_hash, state, status, body FROM idempotency WHERE user_id = ? AND key = ?',
        )
        .get(userId, key) as StoredIdempotency
    },

    /** A refused request leaves the key free: a corrected retry may use it. */
    release(userId: string, key: string): void {
      db.prepare('DELETE FROM idempotency WHERE user_id = ? AND key = ?').run(userId, key)
    },

    /** Records the answer (inside the transaction that produced it). */
    complete(userId: string, key: string, status: number, body: unknown): void {
      db.prepare(
        "UPDATE idempotency SET state = 'done', status = ?, body = ? WHERE user_id = ? AND key = ?",
      ).run(status, JSON.stringify(body), userId, key)
    },

    /** A crash mid-request leaves no half-done key behind: nothing was committed. */
    clearInProgress(): void {
      db.prepare("DELETE FROM idempotency WHERE state = 'in_progress'").run()
    },
  }
}
