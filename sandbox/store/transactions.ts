import {
  type DeclineReason,
  ISSUER_TIME_ZONE,
  type Transaction,
  type TransactionType,
} from '@contract'
import { todayIn } from '@contract/calendar'
import type Database from 'better-sqlite3'

import type { cardRepository } from './cards'
import type { CardRow, TransactionRow } from './schema'

interface Deps {
  cards: ReturnType<typeof cardRepository>
  newId: (prefix: string) => string
  /** Sandbox time, ms and RFC 3339. */
  now: () => number
  iso: (ms?: number) => string
}

/** A new row: what the caller decides; the rest starts empty. */
type NewTransaction = Pick<TransactionRow, 'id' | 'card_id' | 'type' | 'amount' | 'merchant'> &
  Partial<Omit<TransactionRow, 'seq'>>

/** When a pending authorisation is due to post or to be reversed (sandbox ms). */
export interface Hold {
  postAt: number | null
  reverseAt?: number | null
}

/** The calendar day (issuer time zone) of an instant. */
const dayOf = (iso: string) => todayIn(ISSUER_TIME_ZONE, Date.parse(iso))

/**
 * A card's transactions and what they do to its credit: an authorisation holds credit
 * as pending, posting moves it to the posted balance, a reversal releases it. Callers
 * run these inside the store's transaction with whatever else they change.
 */
export function transactionRepository(db: Database.Database, deps: Deps) {
  const insert = (row: NewTransaction): TransactionRow => {
    const full = {
      status: 'posted',
      decline_reason: null,
      created_at: deps.iso(),
      post_at: null,
      reverse_at: null,
      posted_at: null,
      billed_on: null,
      ...row,
    }
    db.prepare(
      `INSERT INTO transactions (id, card_id, type, amount, merchant, status, decline_reason,
       created_at, post_at, reverse_at, posted_at, billed_on)
       VALUES (@id, @card_id, @type, @amount, @merchant, @status, @decline_reason,
       @created_at, @post_at, @reverse_at, @posted_at, @billed_on)`,
    ).run(full)
    return db.prepare('SELECT * FROM transactions WHERE id = ?').get(row.id) as TransactionRow
  }

  const finish = (row: TransactionRow, status: 'posted' | 'reversed', at: number) => {
    const postedAt = status === 'posted' ? deps.iso(at) : null
    db.prepare(
      "UPDATE transactions SET status = ?, posted_at = ? WHERE id = ? AND status = 'pending'",
    ).run(status, postedAt, row.id)
    deps.cards.move(row.card_id, status === 'posted' ? row.amount : 0, -row.amount, deps.iso(at))
  }

  const decline = (
    cardId: string,
    amount: number,
    merchant: string,
    reason: DeclineReason,
    id = deps.newId('tx'),
  ): TransactionRow =>
    insert({
      id,
      card_id: cardId,
      type: 'purchase',
      amount,
      merchant,
      status: 'declined',
      decline_reason: reason,
    })

  return {
    /** Writes a row as given (the seed), with no effect on the card's figures. */
    insert,

    /** A declined payment: recorded, and no credit moves. */
    decline,

    /**
     * Authorises `amount` against the card's available credit, read afresh: within it,
     * a pending transaction holds the amount; over it, a declined one moves nothing.
     */
    authorise(cardId: string, amount: number, merchant: string, hold: Hold): TransactionRow {
      const card = deps.cards.byId(cardId)
      const id = deps.newId('tx')
      if (amount > deps.cards.available(card)) {
        return decline(cardId, amount, merchant, 'insufficient_credit', id)
      }
      const row = insert({
        id,
        card_id: cardId,
        type: 'purchase',
        amount,
        merchant,
        status: 'pending',
        post_at: hold.postAt,
        reverse_at: hold.reverseAt ?? null,
      })
      deps.cards.move(cardId, 0, amount, row.created_at)
      return row
    },

    /**
     * Pending transactions whose time came post (at their post time) or are reversed,
     * whichever is first. Idempotent: call it before any read of a card's figures.
     */
    settleDue(now = deps.now()): void {
      const due = db
        .prepare(
          `SELECT * FROM transactions WHERE status = 'pending'
           AND (post_at <= @now OR reverse_at <= @now) ORDER BY seq`,
        )
        .all({ now }) as TransactionRow[]
      for (const row of due) {
        const reverse =
          row.reverse_at !== null && (row.post_at === null || row.reverse_at <= row.post_at)
        if (reverse) finish(row, 'reversed', row.reverse_at as number)
        else finish(row, 'posted', row.post_at as number)
      }
    },

    /** A repayment as a credit on the list (its effect on the figures is the repayment's). */
    recordRepayment(id: string, cardId: string, amount: number, at: string): void {
      insert({
        id,
        card_id: cardId,
        type: 'repayment',
        amount,
        merchant: 'Repayment',
        created_at: at,
        posted_at: at,
      })
    },

    /** A fee posted onto the statement dated `billedOn`; it raises the posted balance. */
    postFee(cardId: string, amount: number, merchant: string, at: string, billedOn: string): void {
      insert({
        id: deps.newId('tx'),
        card_id: cardId,
        type: 'fee',
        amount,
        merchant,
        created_at: at,
        posted_at: at,
        billed_on: billedOn,
      })
      deps.cards.move(cardId, amount, 0, at)
    },

    /**
     * Bills a cycle: the card's posted debits not yet on a statement, posted before the
     * statement day, are marked billed on it. Returns their sum.
     */
    bill(cardId: string, statementDate: string): number {
      const unbilled = db
        .prepare(
          `SELECT * FROM transactions WHERE card_id = ? AND status = 'posted'
           AND type != 'repayment' AND billed_on IS NULL`,
        )
        .all(cardId) as TransactionRow[]
      let sum = 0
      const mark = db.prepare('UPDATE transactions SET billed_on = ? WHERE id = ?')
      for (const row of unbilled) {
        if (dayOf(row.posted_at as string) >= statementDate) continue
        mark.run(statementDate, row.id)
        sum += row.amount
      }
      return sum
    },

    /**
     * One page, newest first, after the `startingAfter` id; undefined when that id is
     * not one of this card's transactions.
     */
    page(
      card: CardRow,
      limit: number,
      startingAfter?: string,
    ): { data: Transaction[]; has_more: boolean } | undefined {
      let cursor = { created_at: '\uffff', seq: Number.MAX_SAFE_INTEGER }
      if (startingAfter !== undefined) {
        const found = db
          .prepare('SELECT created_at, seq FROM transactions WHERE id = ? AND card_id = ?')
          .get(startingAfter, card.id) as typeof cursor | undefined
        if (!found) return undefined
        cursor = found
      }
      const rows = db
        .prepare(
          `SELECT * FROM transactions WHERE card_id = @card AND (created_at, seq) < (@created_at, @seq)
           ORDER BY created_at DESC, seq DESC LIMIT @take`,
        )
        .all({ card: card.id, ...cursor, take: limit + 1 }) as TransactionRow[]
      return {
        data: rows.slice(0, limit).map((row) => wire(row, card.currency)),
        has_more: rows.length > limit,
      }
    },
  }
}

const CREDITS: readonly TransactionType[] = ['repayment']

function wire(row: TransactionRow, currency: string): Transaction {
  return {
    id: row.id,
    card_id: row.card_id,
    type: row.type,
    direction: CREDITS.includes(row.type) ? 'credit' : 'debit',
    amount: { amount: row.amount, currency },
    merchant: row.merchant,
    status: row.status,
    created_at: row.created_at,
    ...(row.posted_at !== null && row.status === 'posted' ? { posted_at: row.posted_at } : {}),
    ...(row.decline_reason !== null ? { decline_reason: row.decline_reason } : {}),
  }
}
