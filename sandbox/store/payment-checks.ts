import { PAYMENT_PIN_RULES, type PaymentCheck } from '@contract'
import type Database from 'better-sqlite3'

import { hash, type PaymentCheckRow } from './schema'

/** What a PIN attempt came to, once counted. */
export type PinAttempt =
  | { result: 'right' }
  | { result: 'wrong'; attemptsLeft: number }
  | { result: 'locked'; lockedUntil: number }

/** A new PIN as it is kept: its hash and its offline check pair (the plain PIN never). */
export interface StoredPin {
  pinHash: string
  check: { salt: string; digest: string }
}

/** Who proved the check: a grant serves the session family it was given to. */
interface Grantee {
  userId: string
  family: string
}

/**
 * The cardholders' payment checks (PIN hash, offline check pair, biometrics, wrong-PIN
 * count and lockout) and the step-up grants proving one. Times are sandbox ms.
 */
export function paymentCheckRepository(db: Database.Database) {
  const of = (userId: string): PaymentCheckRow | undefined =>
    db.prepare('SELECT * FROM payment_checks WHERE user_id = ?').get(userId) as
      PaymentCheckRow | undefined
  const lockedUntil = (row: PaymentCheckRow | undefined, now: number): number | null =>
    row?.locked_until != null && row.locked_until > now ? row.locked_until : null
  const dropGrants = (userId: string) =>
    db.prepare('DELETE FROM step_ups WHERE user_id = ?').run(userId)

  return {
    of,

    pinSet(userId: string): boolean {
      return Boolean(of(userId)?.pin_hash)
    },

    /** Until when PIN entry is locked; null when it is open. */
    lockedUntil(userId: string, now: number): number | null {
      return lockedUntil(of(userId), now)
    },

    /** The wire answer (`locked_until` as RFC 3339 by `iso`). */
    view(userId: string, now: number, iso: (ms: number) => string): PaymentCheck {
      const row = of(userId)
      const until = lockedUntil(row, now)
      return {
        pin_set: Boolean(row?.pin_hash),
        biometrics: row?.biometrics === 1,
        attempts_left: until !== null ? 0 : PAYMENT_PIN_RULES.attempts - (row?.wrong ?? 0),
        locked_until: until === null ? null : iso(until),
      }
    },

    /**
     * Sets or changes the PIN: the count starts again, and the grants proved with the
     * PIN before end (a change of the check asks for it anew). Biometrics stay as they
     * were unless `biometrics` says.
     */
    setPin(userId: string, pin: StoredPin, biometrics?: boolean): void {
      db.prepare(
        `INSERT INTO payment_checks (user_id, pin_hash, check_salt, check_digest, biometrics)
         VALUES (@userId, @pinHash, @salt, @digest, @biometrics)
         ON CONFLICT (user_id) DO UPDATE SET pin_hash = @pinHash, check_salt = @salt,
         check_digest = @digest, wrong = 0, locked_until = NULL,
         biometrics = COALESCE(@biometricsChange, biometrics)`,
      ).run({
        userId,
        pinHash: pin.pinHash,
        salt: pin.check.salt,
        digest: pin.check.digest,
        biometrics: biometrics ? 1 : 0,
        biometricsChange: biometrics === undefined ? null : biometrics ? 1 : 0,
      })
      dropGrants(userId)
    },

    /** No PIN any more: biometrics end with it, and so do its grants. */
    removePin(userId: string): void {
      db.prepare('DELETE FROM payment_checks WHERE user_id = ?').run(userId)
      dropGrants(userId)
    },

    /** A SOTER challenge issued to `userId`, open until `expiresAt` (expired ones go). */
    addChallenge(challenge: string, userId: string, now: number, expiresAt: number): void {
      db.prepare('DELETE FROM soter_challenges WHERE expires_at <= ?').run(now)
      db.prepare(
        'INSERT INTO soter_challenges (challenge_hash, user_id, expires_at) VALUES (?, ?, ?)',
      ).run(hash(challenge), userId, expiresAt)
    },

    /** Uses up `challenge`: true when it was open for `userId`. */
    takeChallenge(challenge: string, userId: string, now: number): boolean {
      const taken = db
        .prepare(
          'DELETE FROM soter_challenges WHERE challenge_hash = ? AND user_id = ? AND expires_at > ?',
        )
        .run(hash(challenge), userId, now)
      return taken.changes === 1
    },

    setBiometrics(userId: string, on: boolean): void {
      db.prepare('UPDATE payment_checks SET biometrics = ? WHERE user_id = ?').run(
        on ? 1 : 0,
        userId,
      )
    },

    /**
     * Counts one PIN attempt, checked against `pinHash` (the hash read before the slow
     * check: a PIN changed meanwhile makes it wrong). While entry is locked nothing
     * counts and every attempt is `locked`; the wrong one that fills the allowance locks
     * entry for `PAYMENT_PIN_RULES.lockoutS` and starts the count again; a right one
     * resets it.
     */
    recordAttempt(userId: string, pinHash: string, right: boolean, now: number): PinAttempt {
      return db.transaction((): PinAttempt => {
        const row = of(userId)
        const until = lockedUntil(row, now)
        if (until !== null) return { result: 'locked', lockedUntil: until }
        if (right && row?.pin_hash === pinHash) {
          db.prepare(
            'UPDATE payment_checks SET wrong = 0, locked_until = NULL WHERE user_id = ?',
          ).run(userId)
          return { result: 'right' }
        }
        const wrong = (row?.wrong ?? 0) + 1
        if (wrong >= PAYMENT_PIN_RULES.attempts) {
          const lockEnds = now + PAYMENT_PIN_RULES.lockoutS * 1000
          db.prepare('UPDATE payment_checks SET wrong = 0, locked_until = ? WHERE user_id = ?').run(
            lockEnds,
            userId,
          )
          return { result: 'locked', lockedUntil: lockEnds }
        }
        db.prepare('UPDATE payment_checks SET wrong = ? WHERE user_id = ?').run(wrong, userId)
        return { result: 'wrong', attemptsLeft: PAYMENT_PIN_RULES.attempts - wrong }
      })()
    },

    /** Opens PIN entry for everyone (the sandbox control): how many checks it changed. */
    clearLockouts(): number {
      return db
        .prepare(
          'UPDATE payment_checks SET wrong = 0, locked_until = NULL WHERE wrong > 0 OR locked_until IS NOT NULL',
        )
        .run().changes
    },

    addGrant(token: string, to: Grantee, expiresAt: number): void {
      db.prepare(
        'INSERT INTO step_ups (token_hash, user_id, family, expires_at) VALUES (?, ?, ?, ?)',
      ).run(hash(token), to.userId, to.family, expiresAt)
    },

    /** Whether `token` is a grant of this user's session family that has not expired. */
    grantValid(token: string, to: Grantee, now: number): boolean {
      const row = db
        .prepare('SELECT user_id, family, expires_at FROM step_ups WHERE token_hash = ?')
        .get(hash(token)) as { user_id: string; family: string; expires_at: number } | undefined
      return (
        row !== undefined &&
        row.user_id === to.userId &&
        row.family === to.family &&
        row.expires_at > now
      )
    },

    /** A session family's grants end with it (sign-out, a reused refresh token). */
    dropFamilyGrants(family: string): void {
      db.prepare('DELETE FROM step_ups WHERE family = ?').run(family)
    },

    /** Expired grants are of no use to anyone. */
    dropExpiredGrants(now: number): void {
      db.prepare('DELETE FROM step_ups WHERE expires_at <= ?').run(now)
    },
  }
}
