import fs from 'node:fs'
import path from 'node:path'

import { ISSUER_CURRENCY, ISSUER_TIME_ZONE } from '@contract'
import { addDays, instantIn, todayIn } from '@contract/calendar'
import Database from 'better-sqlite3'

import { type SandboxClock, SeededRandom } from '../clock'
import { type PersonaCard, PERSONAS } from '../personas'
import { cardRepository } from './cards'
import { nextStatementDate, statementCycles } from './cycles'
import { idempotencyRepository } from './idempotency'
import { payCodeRepository } from './pay-codes'
import { paymentCheckRepository } from './payment-checks'
import { reminderRepository } from './reminders'
import { repaymentRepository } from './repayments'
import { SCHEMA, SCHEMA_VERSION } from './schema'
import { sessionRepository } from './sessions'
import { transactionRepository } from './transactions'

export { ISSUER_TIME_ZONE }
export type { Payment } from './pay-codes'
export type { PinAttempt, StoredPin } from './payment-checks'
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
  readonly paymentChecks
  readonly reminders
  readonly transactions
  readonly #cycles

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
    this.transactions = transactionRepository(db, {
      cards: this.cards,
      newId,
      now: () => this.clock.now(),
      iso: (ms) => this.clock.iso(ms),
    })
    this.#cycles = statementCycles(db, { cards: this.cards, transactions: this.transactions })
    this.sessions = sessionRepository(db)
    this.idempotency = idempotencyRepository(db)
    this.repayments = repaymentRepository(db, {
      cards: this.cards,
      idempotency: this.idempotency,
      transactions: this.transactions,
      newId,
      today: () => this.today(),
      nowIso: () => this.clock.iso(),
    })
    this.payCodes = payCodeRepository(db)
    this.paymentChecks = paymentCheckRepository(db)
    this.reminders = reminderRepository(db, newId)
    this.idempotency.clearInProgress()
    // The generator continues where the file left it, so ids never repeat after a restart.
    this.#random = new SeededRandom(this.#meta('rng_state') ?? seed)
    // So does sandbox time: a restart keeps every advance.
    this.clock.setOffset(this.#meta('clock_offset_ms') ?? 0)
    const seeded = db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }
    if (seeded.n === 0) this.#seed()
  }

  #meta(key: string): number | undefined {
    const row = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: number } | undefined
    return row?.value
  }

  #setMeta(key: string, value: number): void {
    this.#db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, value)
  }

  #draw(count: number, radix: number): string {
    let out = ''
    for (let i = 0; i < count; i += 1)
      out += Math.floor(this.#random.next() * radix).toString(radix)
    this.#setMeta('rng_state', this.#random.state)
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

  /**
   * Revokes a session family: its tokens, the offline seeds provisioned under it and the
   * step-up grants it proved.
   */
  revokeFamily(family: string): void {
    this.transaction(() => {
      this.sessions.revokeFamily(family)
      this.payCodes.revokeFamilySeeds(family, this.clock.now())
      this.paymentChecks.dropFamilyGrants(family)
    })
  }

  /** Pending transactions whose time came post or are reversed (before any read of figures). */
  settle(): void {
    this.transaction(() => this.transactions.settleDue())
  }

  /**
   * After the clock moves: due transactions settle, cycles whose statement day came
   * close into new statements, and reminders whose moment came fire into the outbox once
   * per due date.
   */
  tick(): void {
    const today = this.today()
    this.transaction(() => {
      this.transactions.settleDue()
      this.#cycles.closeDue(today)
    })
    this.reminders.fireDue(this.clock.now(), this.clock.iso())
  }

  /**
   * The next instant tick() has work, after now: the soonest statement day's start (in
   * the issuer's time zone) or reminder moment. Null when nothing is waiting.
   */
  nextDueAt(): number | null {
    const now = this.clock.now()
    const closes = this.cards.nextStatementDate()
    const candidates = [
      closes === null ? null : instantIn(ISSUER_TIME_ZONE, closes, '00:00'),
      this.reminders.nextFiring(now),
    ].filter((at): at is number => at !== null && at > now)
    return candidates.length === 0 ? null : Math.min(...candidates)
  }

  /** Moves sandbox time on; the file keeps the advance, so a restart continues from there. */
  advanceClock(seconds: number): void {
    this.clock.advance(seconds)
    this.#setMeta('clock_offset_ms', this.clock.offsetMs)
  }

  /** Undoes every advance, in the file too: sandbox time runs from its start again. */
  resetClock(): void {
    this.clock.setOffset(0)
    this.#setMeta('clock_offset_ms', 0)
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

  /** Drops every row, undoes every clock advance, and seeds the personas again (at now). */
  reset(): void {
    this.resetClock()
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
      `INSERT INTO cards (id, user_id, brand, last4, product_name, currency, credit_limit, posted,
       pending, updated_at, statement_day, next_statement_date, late_fee, lock_changed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
          const statementDate = c.statement
            ? addDays(today, c.statement.statementDayOffset)
            : addDays(today, c.firstStatementInDays ?? 30)
          const statementDay = Number(statementDate.slice(8))
          // The current cycle closes on the first statement day after today (the seeded
          // figures hold until then, whatever the start date).
          let closes = c.statement ? nextStatementDate(statementDate, statementDay) : statementDate
          while (closes <= today) closes = nextStatementDate(closes, statementDay)
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
            statementDay,
            closes,
            c.lateFee,
            now,
          )
          this.#seedTransactions(c, c.statement ? statementDate : undefined)
          if (c.statement) {
            insertStatement.run(
              c.id,
              statementDate,
              addDays(today, c.statement.dueDayOffset),
              c.statement.statementBalance,
              c.statement.minimumDue,
            )
          }
        }
      }
    })
  }

  /**
   * A persona card's transactions, with ids that do not draw on the seeded generator
   * (so codes and ids after a seed stay what they were). Posted ones from before the
   * statement date are billed on it.
   */
  #seedTransactions(card: PersonaCard, statementDate: string | undefined): void {
    const now = this.clock.now()
    card.transactions.forEach((t, index) => {
      const at = this.clock.iso(now - Math.round(t.daysAgo * 86_400_000))
      const billed =
        t.status === 'posted' &&
        statementDate !== undefined &&
        todayIn(ISSUER_TIME_ZONE, Date.parse(at)) < statementDate
      this.transactions.insert({
        id: `tx_${card.id.replace(/^card_/, '')}_${index + 1}`,
        card_id: card.id,
        type: 'purchase',
        amount: t.amount,
        merchant: t.merchant,
        status: t.status,
        decline_reason: t.declineReason ?? null,
        created_at: at,
        posted_at: t.status === 'posted' ? at : null,
        billed_on: billed ? statementDate : null,
      })
    })
  }

  close(): void {
    this.#db.close()
  }
}
