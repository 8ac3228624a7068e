import type { Repayment, RepaymentSummary } from '@contract'
import type Database from 'better-sqlite3'

import type { cardRepository } from './cards'
import type { idempotencyRepository } from './idempotency'
import type { CardRow, StatementRow } from './schema'
import type { transactionRepository } from './transactions'

interface Deps {
  cards: ReturnType<typeof cardRepository>
  idempotency: ReturnType<typeof idempotencyRepository>
  transactions: ReturnType<typeof transactionRepository>
  newId: (prefix: string) => string
  today: () => string
  nowIso: () => string
}

/** Repayments: each one a single transaction with its effects and its idempotent answer. */
export function repaymentRepository(db: Database.Database, deps: Deps) {
  return {
    /**
     * Applies a repayment in one transaction: the balance falls, the statement's
     * paid_to_date rises, the repayment row and its credit on the transaction list are
     * written, and the idempotency key records
     * the response, so none of them can exist without the others.
     */
    repay(userId: string, cardId: string, amount: number, idempotencyKey: string): Repayment {
      const id = deps.newId('rp')
      const createdAt = deps.nowIso()
      return db.transaction(() => {
        deps.cards.applyRepayment(userId, cardId, amount, createdAt, deps.today())
        db.prepare(
          'INSERT INTO repayments (id, card_id, user_id, amount, created_at) VALUES (?, ?, ?, ?, ?)',
        ).run(id, cardId, userId, amount, createdAt)
        deps.transactions.recordRepayment(id, cardId, amount, createdAt)
        const card = deps.cards.owned(userId, cardId) as CardRow
        const statement = deps.cards.statement(cardId) as StatementRow
        const result: Repayment = {
          id,
          card_id: cardId,
          amount: { amount, currency: card.currency },
          status: 'succeeded',
          created_at: createdAt,
          statement: deps.cards.statementOf(card, statement, deps.today()),
          balance: deps.cards.balanceOf(card),
        }
        deps.idempotency.complete(userId, idempotencyKey, 201, result)
        return result
      })()
    },

    list(cardId: string): RepaymentSummary[] {
      const rows = db
        .prepare(
          `SELECT r.id, r.card_id, r.amount, r.created_at, c.currency FROM repayments r
           JOIN cards c ON c.id = r.card_id WHERE r.card_id = ? ORDER BY r.created_at, r.id`,
        )
        .all(cardId) as {
        id: string
        card_id: string
        amount: number
        created_at: string
        currency: string
      }[]
      return rows.map((r) => ({
        id: r.id,
        card_id: r.card_id,
        amount: { amount: r.amount, currency: r.currency },
        status: 'succeeded' as const,
        created_at: r.created_at,
      }))
    },
  }
}
