import type { DeclineReason, PayCodeStatusValue } from '@contract'
import type Database from 'better-sqlite3'

import { hash, type PayCodeRow } from './schema'

/** A pay code row with its card's currency (a payment in another is declined) and lock. */
const SELECT =
  'SELECT p.*, c.currency AS card_currency, c.locked AS card_locked FROM pay_codes p JOIN cards c ON c.id = p.card_id'

/** The fields of a new offline seed (RFC 6238 parameters and who provisioned it). */
export interface NewSeed {
  id: string
  userId: string
  cardId: string
  validUntil: number
  seedRef: string
  secret: string
  algorithm: string
  deviceId: string
  family: string
}

/** A till's payment with a code, as its code row records it. */
export interface Payment {
  status: PayCodeStatusValue
  amount: number
  /** The till's, which is the card's unless declined `currency_not_supported`. */
  currency: string
  merchant: string
  /** A pending result turns succeeded at this sandbox time. */
  settleAt: number | null
  transactionId: string | null
  declineReason: DeclineReason | null
}

/** Online pay codes, offline seeds and their payment results. */
export function payCodeRepository(db: Database.Database) {
  return {
    byId(id: string): PayCodeRow | undefined {
      return db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as PayCodeRow | undefined
    },

    byCode(code: string): PayCodeRow | undefined {
      return db.prepare(`${SELECT} WHERE p.code_hash = ?`).get(hash(code)) as PayCodeRow | undefined
    },

    offlineSeeds(seedRef: string): PayCodeRow[] {
      return db
        .prepare(`${SELECT} WHERE p.mode = 'offline' AND p.seed_ref = ?`)
        .all(seedRef) as PayCodeRow[]
    },

    liveOnlineIds(cardId: string, now: number): string[] {
      const rows = db
        .prepare(
          "SELECT id FROM pay_codes WHERE card_id = ? AND mode = 'online' AND status = 'active' AND expires_at > ?",
        )
        .all(cardId, now) as { id: string }[]
      return rows.map((r) => r.id)
    },

    duePendingIds(now: number): string[] {
      const rows = db
        .prepare(
          "SELECT id FROM pay_codes WHERE status = 'pending' AND settle_at IS NOT NULL AND settle_at <= ?",
        )
        .all(now) as { id: string }[]
      return rows.map((r) => r.id)
    },

    /**
     * Codes whose approved payment the merchant has since reversed (its transaction is
     * `reversed`) and that do not say so yet.
     */
    reversedPaymentIds(): string[] {
      const rows = db
        .prepare(
          `SELECT p.id FROM pay_codes p JOIN transactions t ON t.id = p.transaction_id
           WHERE p.status IN ('pending', 'succeeded') AND t.status = 'reversed'`,
        )
        .all() as { id: string }[]
      return rows.map((r) => r.id)
    },

    addOnline(
      id: string,
      userId: string,
      cardId: string,
      code: string,
      expiresAt: number,
      now: number,
    ) {
      db.prepare(
        `INSERT INTO pay_codes (id, user_id, card_id, mode, code_hash, expires_at, status, updated_at)
         VALUES (?, ?, ?, 'online', ?, ?, 'active', ?)`,
      ).run(id, userId, cardId, hash(code), expiresAt, now)
    },

    addSeed(seed: NewSeed, now: number): void {
      db.prepare(
        `INSERT INTO pay_codes (id, user_id, card_id, mode, expires_at, status, updated_at, seed_ref, secret, algorithm, period, device_id, family)
         VALUES (?, ?, ?, 'offline', ?, 'active', ?, ?, ?, ?, 30, ?, ?)`,
      ).run(
        seed.id,
        seed.userId,
        seed.cardId,
        seed.validUntil,
        now,
        seed.seedRef,
        seed.secret,
        seed.algorithm,
        seed.deviceId,
        seed.family,
      )
    },

    /** False when this offline code was already used with its seed. */
    useOfflineCode(seedId: string, code: string): boolean {
      return (
        db
          .prepare('INSERT OR IGNORE INTO offline_used (seed_id, code_hash) VALUES (?, ?)')
          .run(seedId, hash(code)).changes > 0
      )
    },

    /** A status change that keeps the latest payment's details (settled, revoked). */
    setStatus(id: string, status: PayCodeStatusValue, now: number): void {
      db.prepare(
        'UPDATE pay_codes SET status = ?, settle_at = NULL, updated_at = ? WHERE id = ?',
      ).run(status, now, id)
    },

    /** A payment with this code (an offline seed's latest replaces the one before). */
    recordPayment(id: string, payment: Payment, now: number): void {
      db.prepare(
        `UPDATE pay_codes SET status = @status, amount = @amount, currency = @currency,
         merchant = @merchant, settle_at = @settleAt, transaction_id = @transactionId,
         decline_reason = @declineReason, updated_at = @now WHERE id = @id`,
      ).run({ ...payment, now, id })
    },

    revokeSeed(id: string, now: number): void {
      db.prepare('UPDATE pay_codes SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
        now,
        id,
      )
    },

    /**
     * Every offline seed of a user stops yielding codes (the payment PIN changed: their
     * `pin_check` no longer matches it).
     */
    revokeUserSeeds(userId: string, now: number): void {
      db.prepare(
        "UPDATE pay_codes SET revoked_at = ? WHERE user_id = ? AND mode = 'offline' AND revoked_at IS NULL",
      ).run(now, userId)
    },

    /** The offline seeds a session family provisioned stop yielding codes. */
    revokeFamilySeeds(family: string, now: number): void {
      db.prepare(
        "UPDATE pay_codes SET revoked_at = ? WHERE family = ? AND mode = 'offline' AND revoked_at IS NULL",
      ).run(now, family)
    },
  }
}
