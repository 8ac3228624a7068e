import fs from 'node:fs'
import path from 'node:path'

import Database from 'better-sqlite3'

import { ISSUER_CURRENCY, ISSUER_TIME_ZONE } from '../../src/issuer/contract'
import { addDays, todayIn } from '../../src/lib/calendar'
import { type SandboxClock, SeededRandom } from '../clock'
import { PERSONAS } from '../personas'
import { cardRepository } from './cards'
import { idempotencyRepository } from './idempotency'
import { payCodeRepository } from './pay-codes'
import { reminderRepository } from './reminders'
import { repaymentRepository } from './repayments'
import { SCHEMA, SCHEMA_VERSION } from './schema'
import { sessionRepository } from './sessions'

export { ISSUER_TIME_ZONE }
export { type CardRow, hash, type PayCodeRow, type StatementRow } from './schema'
export type { AccessRow, RefreshRow, TokenPair } from './sessions'

/**
 * The sandbox's SQLite database behind repositories: nothing outside sandbox/store
 * sees a table or a statement. Its seed and the domain rules around it live here too.
 */
export class SandboxStore {
  readonly #db: Database.Database
  readonly #random: SeededRandom
  readonly cards
  readonly sessions
  readonly idempotency
  readonly repayments
  readonly payCodes
  readonly reminders

  constructor(
    file: string,
    private readonly clock: SandboxClock,
    seed: number,
  ) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    const db = new Database(file)
    this.#db = db
    db.pragma('journal_mode = WAL')
    // FULL, not WAL's usual NORMAL: NORMAL may lose the last commits on a power cut, and
    // an acknowledged repayment must survive one. The cost (an fsync per commit) is
    // nothing at a sandbox's request rate.
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) this.#dropAll()
    db.exec(SCHEMA)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
    const newId = (prefix: string) => this.id(prefix)
    this.cards = cardRepository(db)
    this.sessions = sessionRepository(db)
    this.idempotency = idempotencyRepository(db)
    this.repayments = repaymentRepository(db, {
      cards: this.cards,
      idempotency: this.idempotency,
      newId,
      today: () => this.today(),
      nowIso: () => this.clock.iso(),
    })
    this.payCodes = payCodeRepository(db)
    this.reminders = reminderRepository(db, newId)
    this.idempotency.clearInProgress()
    const saved = db.prepare("SELECT value FROM meta WHERE key = 'rng_state'").get() as
      { value: number } | undefined
    // The generator continues where the file left it, so ids never repeat after a restart.
    this.#random = new SeededRandom(saved?.value ?? seed)
    const seeded = db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }
    if (seeded.n === 0) this.#seed()
  }

  #draw(count: number, radix: number): string {
    let out = ''
    for (let i = 0; i < count; i += 1)
      out += Math.floor(this.#random.next() * radix).toString(radix)
    this.#db
      .prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('rng_state', ?)")
      .run(this.#random.state)
    return out
  }

  /** A deterministic id from the seeded generator. */
  id(prefix: string): string {
    return `${prefix}_${this.#draw(16, 36)}`
  }

  digits(count: number): string {
    return this.#draw(count, 10)
  }

  today(): string {
    return todayIn(ISSUER_TIME_ZONE, this.clock.now())
  }

  /** Runs `fn` as one transaction: whatever it wrote is undone if it throws. */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)()
  }

  /** The durability settings in force (journal mode and synchronous level). */
  durability(): { journalMode: unknown; synchronous: unknown } {
    return {
      journalMode: this.#db.pragma('journal_mode', { simple: true }),
      synchronous: this.#db.pragma('synchronous', { simple: true }),
    }
  }

  /** Revokes a session family: its tokens, and the offline seeds provisioned under it. */
  revokeFamily(family: string): void {
    this.transaction(() => {
      this.sessions.revokeFamily(family)
      this.payCodes.revokeFamilySeeds(family, this.clock.now())
    })
  }

  /**
   * After the clock moves: statements whose cycle ended roll over, and reminders whose
   * moment came fire into the outbox once per due date.
   */
  tick(): void {
    this.cards.rollStatements(this.today())
    this.reminders.fireDue(this.clock.now(), this.clock.iso())
  }

  #tables(): string[] {
    const rows = this.#db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[]
    return rows.map((r) => r.name)
  }

  #dropAll(): void {
    this.#db.pragma('foreign_keys = OFF')
    for (const name of this.#tables()) this.#db.exec(`DROP TABLE IF EXISTS "${name}"`)
    this.#db.pragma('foreign_keys = ON')
  }

  /** Drops every row and seeds the personas again. */
  reset(): void {
    this.#db.pragma('foreign_keys = OFF')
    for (const name of this.#tables()) if (name !== 'meta') this.#db.exec(`DELETE FROM "${name}"`)
    this.#db.pragma('foreign_keys = ON')
    this.#seed()
  }

  #seed(): void {
    const today = this.today()
    const now = this.clock.iso()
    const insertUser = this.#db.prepare('INSERT INTO users (id, persona) VALUES (?, ?)')
    const insertCard = this.#db.prepare(
      `INSERT INTO cards (id, user_id, brand, last4, product_name, currency, credit_limit, posted, pending, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const insertStatement = this.#db.prepare(
      `INSERT INTO statements (card_id, statement_date, due_date, statement_balance, minimum_due)
       VALUES (?, ?, ?, ?, ?)`,
    )
    this.transaction(() => {
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
            ISSUER_CURRENCY,
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
    })
  }

  close(): void {
    this.#db.close()
  }
}
