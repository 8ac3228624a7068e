import { minimumDueOf, STATEMENT_RULES } from '@contract'
import { addDays, monthlyDates } from '@contract/calendar'
import type Database from 'better-sqlite3'

import type { cardRepository } from './cards'
import type { CardRow } from './schema'
import type { transactionRepository } from './transactions'

interface Deps {
  cards: ReturnType<typeof cardRepository>
  transactions: ReturnType<typeof transactionRepository>
}

/** The issuer's day starts at 00:00 Asia/Shanghai (UTC+8 all year: no daylight saving). */
const startOf = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString()

/** The first statement day (day of the month `day`, or the month's last) after `date`. */
export function nextStatementDate(date: string, day: number): string {
  return monthlyDates(day, addDays(date, 1), 1)[0] as string
}

/** Hard stop for one clock jump (400 days is the longest advance: 14 cycles). */
const MAX_CYCLES = 24

/**
 * Statement cycles: each card's cycle closes at the start of its statement day, and
 * the new statement is the unpaid part of the last one, plus the late fee when the last
 * one went overdue, plus what posted in the cycle (STATEMENT_RULES in the contract).
 */
export function statementCycles(db: Database.Database, deps: Deps) {
  const upsert = db.prepare(
    `INSERT INTO statements (card_id, statement_date, due_date, statement_balance, minimum_due, paid_to_date, paid_by_due)
     VALUES (@card, @date, @due, @balance, @minimum, 0, 0)
     ON CONFLICT (card_id) DO UPDATE SET statement_date = @date, due_date = @due,
     statement_balance = @balance, minimum_due = @minimum, paid_to_date = 0, paid_by_due = 0`,
  )
  const advance = db.prepare('UPDATE cards SET next_statement_date = ? WHERE id = ?')

  function close(card: CardRow, date: string): void {
    const last = deps.cards.statement(card.id)
    const carried = last ? last.statement_balance - last.paid_to_date : 0
    let fee = 0
    // The fee is owed when the minimum was not paid by the end of the due date, whatever
    // was paid after it.
    if (last && last.due_date < date && last.paid_by_due < last.minimum_due && card.late_fee > 0) {
      fee = card.late_fee
      deps.transactions.postFee(card.id, fee, 'Late fee', startOf(date), date)
    }
    const posted = deps.transactions.bill(card.id, date)
    // An overpayment of the last statement (it may pay unbilled spending too) is a credit.
    const balance = Math.max(0, carried + fee + posted)
    upsert.run({
      card: card.id,
      date,
      due: addDays(date, STATEMENT_RULES.dueAfterDays),
      balance,
      minimum: minimumDueOf(balance),
    })
    advance.run(nextStatementDate(date, card.statement_day), card.id)
  }

  return {
    /** Closes every cycle whose statement day `today` has reached, oldest first. */
    closeDue(today: string): void {
      const due = db.prepare('SELECT id FROM cards WHERE next_statement_date <= ?').all(today) as {
        id: string
      }[]
      for (const { id } of due) {
        for (let n = 0; n < MAX_CYCLES; n += 1) {
          const card = deps.cards.byId(id)
          if (card.next_statement_date > today) break
          close(card, card.next_statement_date)
        }
      }
    },
  }
}
