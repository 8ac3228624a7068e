import {
  type InAppNotification,
  ISSUER_TIME_ZONE,
  ONE_TIME_REMINDER_CHANNELS,
  type OutboxEntry,
  type Reminder,
  type ReminderChannel,
} from '@contract'
import { addDays, instantIn } from '@contract/calendar'
import type Database from 'better-sqlite3'

import type { ReminderRow } from './schema'

/** The instant a reminder fires for a due date: `days_before` days ahead, at its time. */
function firesAt(r: Pick<ReminderRow, 'days_before' | 'time'>, dueDate: string): number {
  return instantIn(ISSUER_TIME_ZONE, addDays(dueDate, -r.days_before), r.time)
}

type ReminderWithStatement = ReminderRow & {
  due_date: string | null
  fired: number
  sent_ever: number
}

/** SQL list of the one-time channels (fixed strings from the contract). */
const ONE_TIME = ONE_TIME_REMINDER_CHANNELS.map((c) => `'${c}'`).join(', ')

/** Reminder subscriptions per card, and the outbox they fire into. */
export function reminderRepository(db: Database.Database, newId: (prefix: string) => string) {
  /**
   * Every reminder still to fire for its card's current due date, with what remains of
   * that statement.
   */
  const waiting = () =>
    db
      .prepare(
        `SELECT r.id, r.card_id, r.channel, r.days_before, r.time, s.due_date,
           MAX(0, s.statement_balance - s.paid_to_date) AS amount_due
         FROM reminders r JOIN statements s ON s.card_id = r.card_id
         WHERE NOT (r.channel IN (${ONE_TIME})
           AND EXISTS (SELECT 1 FROM outbox o WHERE o.reminder_id = r.id))
         -- One message per card, channel and due date: a reminder renewed after its
         -- channel already spoke for this bill waits for the next one.
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.card_id = r.card_id
           AND o.channel = r.channel AND o.due_date = s.due_date)`,
      )
      .all() as (ReminderRow & { due_date: string; amount_due: number })[]

  return {
    add(reminder: ReminderRow): void {
      db.prepare(
        'INSERT INTO reminders (id, card_id, channel, days_before, time, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(
        reminder.id,
        reminder.card_id,
        reminder.channel,
        reminder.days_before,
        reminder.time,
        reminder.created_at,
      )
    },

    /** The card's reminders, each with where it stands for the current statement. */
    list(cardId: string): Reminder[] {
      const rows = db
        .prepare(
          `SELECT r.*, s.due_date,
             EXISTS (SELECT 1 FROM outbox o WHERE o.reminder_id = r.id AND o.due_date = s.due_date)
               AS fired,
             EXISTS (SELECT 1 FROM outbox o WHERE o.reminder_id = r.id) AS sent_ever
           FROM reminders r LEFT JOIN statements s ON s.card_id = r.card_id
           WHERE r.card_id = ? ORDER BY r.created_at, r.id`,
        )
        .all(cardId) as ReminderWithStatement[]
      return rows.map(({ due_date: dueDate, fired, sent_ever: sentEver, ...r }) => ({
        ...r,
        status:
          sentEver && ONE_TIME_REMINDER_CHANNELS.includes(r.channel as ReminderChannel)
            ? 'spent'
            : dueDate === null
              ? 'no_statement'
              : fired
                ? 'fired'
                : 'scheduled',
        fires_at: dueDate === null ? null : new Date(firesAt(r, dueDate)).toISOString(),
      }))
    },

    /** How many reminders the card holds. */
    count(cardId: string): number {
      return (
        db.prepare('SELECT COUNT(*) AS n FROM reminders WHERE card_id = ?').get(cardId) as {
          n: number
        }
      ).n
    },

    /** False when the card has no such reminder. */
    remove(cardId: string, reminderId: string): boolean {
      return (
        db.prepare('DELETE FROM reminders WHERE id = ? AND card_id = ?').run(reminderId, cardId)
          .changes > 0
      )
    },

    /**
     * Reminders whose moment has come fire into the outbox, once per due date, with what
     * remained of the statement then.
     */
    fireDue(nowMs: number, firedAt: string): void {
      const due = waiting()
      const insert = db.prepare(
        `INSERT OR IGNORE INTO outbox (id, kind, card_id, channel, due_date, fired_at, reminder_id, amount_due)
         VALUES (?, 'reminder', ?, ?, ?, ?, ?, ?)`,
      )
      const spoken = new Set<string>()
      for (const r of due) {
        const bill = `${r.card_id} ${r.channel} ${r.due_date}`
        if (nowMs >= firesAt(r, r.due_date) && !spoken.has(bill)) {
          spoken.add(bill)
          insert.run(newId('ob'), r.card_id, r.channel, r.due_date, firedAt, r.id, r.amount_due)
        }
      }
    },

    /** The soonest moment after `nowMs` a reminder is to fire; null when none waits. */
    nextFiring(nowMs: number): number | null {
      let next: number | null = null
      for (const r of waiting()) {
        const at = firesAt(r, r.due_date)
        if (at > nowMs && (next === null || at < next)) next = at
      }
      return next
    },

    outbox(): OutboxEntry[] {
      return db
        .prepare(
          'SELECT id, kind, card_id, channel, due_date, fired_at FROM outbox ORDER BY fired_at, id',
        )
        .all() as OutboxEntry[]
    },

    /** The card's fired in-app reminders, newest first. */
    inApp(cardId: string): InAppNotification[] {
      const rows = db
        .prepare(
          `SELECT o.id, o.reminder_id, o.card_id, o.due_date, o.amount_due, c.currency, o.fired_at
           FROM outbox o JOIN cards c ON c.id = o.card_id
           WHERE o.card_id = ? AND o.channel = 'in_app' ORDER BY o.fired_at DESC, o.id DESC`,
        )
        .all(cardId) as (Omit<InAppNotification, 'amount_due'> & {
        amount_due: number
        currency: string
      })[]
      return rows.map(({ amount_due: amount, currency, ...n }) => ({
        ...n,
        amount_due: { amount, currency },
      }))
    },
  }
}
