import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import {
  type Balance,
  ISSUER_TIME_ZONE,
  type Repayment,
  type Statement,
} from '../src/issuer/contract'
import { todayIn } from '../src/lib/calendar'
import { type SandboxClock, SeededRandom } from './clock'
import { availableCredit, PERSONAS } from './personas'

export { ISSUER_TIME_ZONE }

/** Bumped when SCHEMA changes: an older database file is dropped and seeded again. */
const SCHEMA_VERSION = 3

/** Stored tokens and codes are SHA-256 hashes: a leaked database leaks no credential. */
export function hash(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex')
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, persona TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS cards (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), brand TEXT NOT NULL,
  last4 TEXT NOT NULL, product_name TEXT NOT NULL, currency TEXT NOT NULL DEFAULT 'CNY',
  credit_limit INTEGER NOT NULL, posted INTEGER NOT NULL, pending INTEGER NOT NULL,
  updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statements (
  card_id TEXT PRIMARY KEY REFERENCES cards(id), statement_date TEXT NOT NULL,
  due_date TEXT NOT NULL, statement_balance INTEGER NOT NULL, minimum_due INTEGER NOT NULL,
  paid_to_date INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS login_codes (code_hash TEXT PRIMARY KEY, used_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('access','refresh')),
  user_id TEXT NOT NULL, family TEXT NOT NULL, expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0,
  successor_hash TEXT, grace_until INTEGER, grace_pair TEXT);
CREATE TABLE IF NOT EXISTS repayments (
  id TEXT PRIMARY KEY, card_id TEXT NOT NULL, user_id TEXT NOT NULL, amount INTEGER NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
  user_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
  state TEXT NOT NULL, status INTEGER, body TEXT, PRIMARY KEY (user_id, key));
CREATE TABLE IF NOT EXISTS pay_codes (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, card_id TEXT NOT NULL, mode TEXT NOT NULL,
  code_hash TEXT, expires_at INTEGER NOT NULL, status TEXT NOT NULL,
  amount INTEGER, merchant TEXT, updated_at INTEGER NOT NULL,
  seed_ref TEXT, secret TEXT, algorithm TEXT, period INTEGER, device_id TEXT,
  settle_at INTEGER, family TEXT, revoked_at INTEGER);
CREATE TABLE IF NOT EXISTS offline_used (seed_id TEXT NOT NULL, code_hash TEXT NOT NULL,
  PRIMARY KEY (seed_id, code_hash));
CREATE TABLE IF NOT EXISTS reminders (
  id TEXT PRIMARY KEY, card_id TEXT NOT NULL, channel TEXT NOT NULL, days_before INTEGER NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, card_id TEXT NOT NULL, channel TEXT NOT NULL,
  due_date TEXT NOT NULL, fired_at TEXT NOT NULL, reminder_id TEXT NOT NULL,
  UNIQUE (reminder_id, due_date));
`

export interface CardRow {
  id: string
  user_id: string
  brand: 'unionpay' | 'visa' | 'mastercard'
  last4: string
  product_name: string
  currency: string
  credit_limit: number
  posted: number
  pending: number
  updated_at: string
}

export interface StatementRow {
  card_id: string
  statement_date: string
  due_date: string
  statement_balance: number
  minimum_due: number
  paid_to_date: number
}

export interface PayCodeRow {
  id: string
  user_id: string
  card_id: string
  mode: 'online' | 'offline'
  code_hash: string | null
  expires_at: number
  status: string
  amount: number | null
  merchant: string | null
  updated_at: number
  seed_ref: string | null
  secret: string | null
  algorithm: string | null
  period: number | null
  device_id: string | null
  /** A pending payment (pending_then_success) turns succeeded at this sandbox time. */
  settle_at: number | null
  /** The session family that provisioned an offline seed (sign-out revokes its seeds). */
  family: string | null
  /** When an offline seed was revoked; its status keeps its last payment's result. */
  revoked_at: number | null
}

/** The sandbox's SQLite database, its seed and the domain rules around it. */
export class SandboxStore {
  readonly db: Database.Database
  private readonly random: SeededRandom

  constructor(
    file: string,
    private readonly clock: SandboxClock,
    seed: number,
  ) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    // FULL, not WAL's usual NORMAL: NORMAL may lose the last commits on a power cut, and
    // an acknowledged repayment must survive one. The cost (an fsync per commit) is
    // nothing at a sandbox's request rate.
    this.db.pragma('synchronous = FULL')
    this.db.pragma('foreign_keys = ON')
    if (this.db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) this.dropAll()
    this.db.exec(SCHEMA)
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`)
    // A crash mid-repayment leaves no half-done key behind: nothing was committed.
    this.db.prepare("DELETE FROM idempotency WHERE state = 'in_progress'").run()
    const saved = this.db.prepare("SELECT value FROM meta WHERE key = 'rng_state'").get() as
      { value: number } | undefined
    // The generator continues where the file left it, so ids never repeat after a restart.
    this.random = new SeededRandom(saved?.value ?? seed)
    const seeded = this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }
    if (seeded.n === 0) this.seed()
  }

  private draw(count: number, radix: number): string {
    let out = ''
    for (let i = 0; i < count; i += 1) out += Math.floor(this.random.next() * radix).toString(radix)
    this.db
      .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('rng_state', ?)")
      .run(this.random.state)
    return out
  }

  /** A deterministic id from the seeded generator. */
  id(prefix: string): string {
    return `${prefix}_${this.draw(16, 36)}`
  }

  digits(count: number): string {
    return this.draw(count, 10)
  }

  private dropAll(): void {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
    this.db.pragma('foreign_keys = OFF')
    for (const { name } of tables) this.db.exec(`DROP TABLE IF EXISTS "${name}"`)
    this.db.pragma('foreign_keys = ON')
  }

  today(): string {
    return todayIn(ISSUER_TIME_ZONE, this.clock.now())
  }

  /** Drops every row and seeds the personas again. */
  reset(): void {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
    this.db.pragma('foreign_keys = OFF')
    for (const { name } of tables) if (name !== 'meta') this.db.exec(`DELETE FROM "${name}"`)
    this.db.pragma('foreign_keys = ON')
    this.seed()
  }

  private seed(): void {
    const today = this.today()
    const now = this.clock.iso()
    const insertUser = this.db.prepare('INSERT INTO users (id, persona) VALUES (?, ?)')
    const insertCard = this.db.prepare(
      `INSERT INTO cards (id, user_id, brand, last4, product_name, credit_limit, posted, pending, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const insertStatement = this.db.prepare(
      `INSERT INTO statements (card_id, statement_date, due_date, statement_balance, minimum_due)
       VALUES (?, ?, ?, ?, ?)`,
    )
    this.db.transaction(() => {
      for (const [persona, cards] of Object.entries(PERSONAS)) {
        const userId = `user_${persona.replace(/-/g, '_')}`
        insertUser.run(userId, persona)
        for (const c of cards) {
          insertCard.run(
            c.id,
            userId,
            c.brand,
            c.last4,
            c.productName,
            c.creditLimit,
            c.posted,
            c.pending,
            now,
          )
          if (c.statement) {
            insertStatement.run(
              c.id,
              addDays(today, c.statement.statementDayOffset),
              addDays(today, c.statement.dueDayOffset),
              c.statement.statementBalance,
              c.statement.minimumDue,
            )
          }
        }
      }
    })()
  }

  userForPersona(persona: string): string | undefined {
    const row = this.db.prepare('SELECT id FROM users WHERE persona = ?').get(persona) as
      { id: string } | undefined
    return row?.id
  }

  cards(userId: string): CardRow[] {
    return this.db
      .prepare('SELECT * FROM cards WHERE user_id = ? ORDER BY id')
      .all(userId) as CardRow[]
  }

  /** A card only if it belongs to `userId`: another user's card does not exist for them. */
  card(userId: string, cardId: string): CardRow | undefined {
    return this.db
      .prepare('SELECT * FROM cards WHERE id = ? AND user_id = ?')
      .get(cardId, userId) as CardRow | undefined
  }

  statement(cardId: string): StatementRow | undefined {
    return this.db.prepare('SELECT * FROM statements WHERE card_id = ?').get(cardId) as
      StatementRow | undefined
  }

  balanceOf(card: CardRow): Balance {
    const money = (amount: number) => ({ amount, currency: card.currency })
    return {
      card_id: card.id,
      available_credit: money(
        availableCredit({
          creditLimit: card.credit_limit,
          posted: card.posted,
          pending: card.pending,
        }),
      ),
      credit_limit: money(card.credit_limit),
      current_balance: money(card.posted),
      pending_amount: money(card.pending),
      as_of: card.updated_at,
    }
  }

  statementOf(card: CardRow, s: StatementRow): Statement {
    const money = (amount: number) => ({ amount, currency: card.currency })
    const today = this.today()
    const status: Statement['status'] =
      s.paid_to_date >= s.statement_balance
        ? 'paid'
        : today > s.due_date && s.paid_to_date < s.minimum_due
          ? 'overdue'
          : s.paid_to_date > 0
            ? 'partially_paid'
            : 'open'
    return {
      card_id: card.id,
      statement_date: s.statement_date,
      due_date: s.due_date,
      time_zone: ISSUER_TIME_ZONE,
      statement_balance: money(s.statement_balance),
      minimum_due: money(s.minimum_due),
      paid_to_date: money(s.paid_to_date),
      status,
    }
  }

  /**
   * Applies a repayment in one transaction: the balance falls, the statement's
   * paid_to_date rises, the repayment row is written, and the idempotency key records
   * the response, so none of them can exist without the others.
   */
  repay(userId: string, cardId: string, amount: number, idempotencyKey: string): Repayment {
    const id = this.id('rp')
    const createdAt = this.clock.iso()
    return this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE cards SET posted = posted - ?, updated_at = ? WHERE id = ? AND user_id = ?',
        )
        .run(amount, createdAt, cardId, userId)
      this.db
        .prepare('UPDATE statements SET paid_to_date = paid_to_date + ? WHERE card_id = ?')
        .run(amount, cardId)
      this.db
        .prepare(
          'INSERT INTO repayments (id, card_id, user_id, amount, created_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(id, cardId, userId, amount, createdAt)
      const card = this.card(userId, cardId) as CardRow
      const statement = this.statement(cardId) as StatementRow
      const result: Repayment = {
        id,
        card_id: cardId,
        amount: { amount, currency: card.currency },
        status: 'succeeded',
        created_at: createdAt,
        statement: this.statementOf(card, statement),
        balance: this.balanceOf(card),
      }
      this.db
        .prepare(
          "UPDATE idempotency SET state = 'done', status = 201, body = ? WHERE user_id = ? AND key = ?",
        )
        .run(JSON.stringify(result), userId, idempotencyKey)
      return result
    })()
  }

  repayments(cardId: string) {
    const rows = this.db
      .prepare('SELECT * FROM repayments WHERE card_id = ? ORDER BY created_at, id')
      .all(cardId) as { id: string; card_id: string; amount: number; created_at: string }[]
    return rows.map((r) => ({
      id: r.id,
      card_id: r.card_id,
      amount: { amount: r.amount, currency: 'CNY' },
      status: 'succeeded' as const,
      created_at: r.created_at,
    }))
  }

  /**
   * After the clock moves: statements whose cycle ended roll over (a new statement of
   * the posted balance, due 20 days later), and reminders whose day came fire into
   * the outbox once per due date.
   */
  tick(): void {
    const today = this.today()
    const statements = this.db.prepare('SELECT * FROM statements').all() as StatementRow[]
    for (const s of statements) {
      // An unpaid statement stays current (and turns overdue); a paid one cycles monthly.
      let { statement_date: date, paid_to_date: paid, statement_balance: owed } = s
      for (let cycles = 0; cycles < 24 && paid >= owed && today >= addDays(date, 30); cycles += 1) {
        const card = this.db.prepare('SELECT * FROM cards WHERE id = ?').get(s.card_id) as CardRow
        date = addDays(date, 30)
        owed = card.posted
        paid = 0
        this.db
          .prepare(
            `UPDATE statements SET statement_date = ?, due_date = ?, statement_balance = ?,
             minimum_due = ?, paid_to_date = 0 WHERE card_id = ?`,
          )
          .run(date, addDays(date, 20), owed, Math.round(owed / 10), s.card_id)
      }
    }
    const due = this.db
      .prepare(
        `SELECT r.id, r.card_id, r.channel, r.days_before, s.due_date FROM reminders r
         JOIN statements s ON s.card_id = r.card_id`,
      )
      .all() as {
      id: string
      card_id: string
      channel: string
      days_before: number
      due_date: string
    }[]
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO outbox (id, kind, card_id, channel, due_date, fired_at, reminder_id)
       VALUES (?, 'reminder', ?, ?, ?, ?, ?)`,
    )
    for (const r of due) {
      if (today >= addDays(r.due_date, -r.days_before)) {
        insert.run(this.id('ob'), r.card_id, r.channel, r.due_date, this.clock.iso(), r.id)
      }
    }
  }

  close(): void {
    this.db.close()
  }
}
