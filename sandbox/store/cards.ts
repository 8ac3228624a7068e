import { type Balance, ISSUER_TIME_ZONE, type Statement } from '@contract'
import type Database from 'better-sqlite3'

import { availableCredit } from '../personas'
import type { CardRow, StatementRow } from './schema'

/** Users, cards and statements: the balance and statement answers are built here. */
export function cardRepository(db: Database.Database) {
  const money = (card: CardRow, amount: number) => ({ amount, currency: card.currency })
  /** What the card can still spend: the limit less what is posted and held, never negative. */
  const available = (card: CardRow) =>
    availableCredit({ creditLimit: card.credit_limit, posted: card.posted, pending: card.pending })
  return {
    userForPersona(persona: string): string | undefined {
      const row = db.prepare('SELECT id FROM users WHERE persona = ?').get(persona) as
        { id: string } | undefined
      return row?.id
    },

    list(userId: string): CardRow[] {
      return db
        .prepare('SELECT * FROM cards WHERE user_id = ? ORDER BY id')
        .all(userId) as CardRow[]
    },

    /** A card only if it belongs to `userId`: another user's card does not exist for them. */
    owned(userId: string, cardId: string): CardRow | undefined {
      return db.prepare('SELECT * FROM cards WHERE id = ? AND user_id = ?').get(cardId, userId) as
        CardRow | undefined
    },

    /** The soonest statement date any card's cycle closes on; null without cards. */
    nextStatementDate(): string | null {
      return (
        db.prepare('SELECT MIN(next_statement_date) AS date FROM cards').get() as {
          date: string | null
        }
      ).date
    },

    statement(cardId: string): StatementRow | undefined {
      return db.prepare('SELECT * FROM statements WHERE card_id = ?').get(cardId) as
        StatementRow | undefined
    },

    balanceOf(card: CardRow): Balance {
      return {
        card_id: card.id,
        available_credit: money(card, available(card)),
        credit_limit: money(card, card.credit_limit),
        current_balance: money(card, card.posted),
        pending_amount: money(card, card.pending),
        locked: card.locked === 1,
        as_of: card.updated_at,
      }
    },

    statementOf(card: CardRow, s: StatementRow, today: string): Statement {
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
        statement_balance: money(card, s.statement_balance),
        minimum_due: money(card, s.minimum_due),
        paid_to_date: money(card, s.paid_to_date),
        status,
      }
    },

    /**
     * A repayment's effect: the balance falls and the statement's paid_to_date rises, and
     * so does paid_by_due while `today` (the issuer's date it was made on) is not past the
     * due date: what is paid later counts for the balance, not against the late fee.
     */
    applyRepayment(
      userId: string,
      cardId: string,
      amount: number,
      at: string,
      today: string,
    ): void {
      db.prepare(
        'UPDATE cards SET posted = posted - ?, updated_at = ? WHERE id = ? AND user_id = ?',
      ).run(amount, at, cardId, userId)
      db.prepare(
        `UPDATE statements SET paid_to_date = paid_to_date + @amount,
         paid_by_due = paid_by_due + CASE WHEN @today <= due_date THEN @amount ELSE 0 END
         WHERE card_id = @cardId`,
      ).run({ amount, today, cardId })
    },

    /**
     * Locks or unlocks a card: only a change is written (and dated), so a repeat, or a
     * second of two at once, leaves the lock and its time as the first set them.
     */
    setLocked(cardId: string, locked: boolean, at: string): CardRow {
      db.prepare(
        'UPDATE cards SET locked = ?, lock_changed_at = ? WHERE id = ? AND locked != ?',
      ).run(locked ? 1 : 0, at, cardId, locked ? 1 : 0)
      return db.prepare('SELECT * FROM cards WHERE id = ?').get(cardId) as CardRow
    },

    byId(cardId: string): CardRow {
      return db.prepare('SELECT * FROM cards WHERE id = ?').get(cardId) as CardRow
    },

    available,

    /** Money moving between held (pending) and owed (posted), or onto the card (a fee). */
    move(cardId: string, posted: number, pending: number, at: string): void {
      db.prepare(
        'UPDATE cards SET posted = posted + ?, pending = pending + ?, updated_at = ? WHERE id = ?',
      ).run(posted, pending, at, cardId)
    },
  }
}
