import type Database from 'better-sqlite3'

import type { OutboxEntry, Reminder } from '../../src/issuer/contract'
import { addDays, type ReminderRow } from './schema'

/** Reminder subscriptions per card, and the outbox they fire into. */
export function reminderRepository(db: Database.Database, newId: (prefix: string) => string) {
  return {
    add(reminder: Reminder): void {
      db.prepare(
        'INSERT INTO reminders (id, card_id, channel, days_before, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(
        reminder.id,
        reminder.card_id,
        reminder.channel,
        reminder.days_before,
        reminder.created_at,
      )
    },

    list(cardId: string): ReminderRow[] {
      return db
        .prepare('SELECT * FROM reminders WHERE card_id = ? ORDER BY created_at, id')
        .all(cardId) as ReminderRow[]
    },

    /** False when the card has no such reminder. */
    remove(cardId: string, reminderId: string): boolean {
      return (
        db.prepare('DELETE FROM reminders WHERE id = ? AND card_id = ?').run(reminderId, cardId)
          .changes > 0
      )
    },

    /** Reminders whose day has come fire into the outbox, once per due date. */
    fireDue(today: string, firedAt: string): void {
      const due = db
        .prepare(
          `SELECT r.id, r.card_id, r.channel, r.days_before, s.due_date FROM reminders r
           JOIN statements s ON s.card_id = r.card_id`,
        )
        .all() as (ReminderRow & { due_date: string })[]
      const insert = db.prepare(
        `INSERT OR IGNORE INTO outbox (id, kind, card_id, channel, due_date, fired_at, reminder_id)
         VALUES (?, 'reminder', ?, ?, ?, ?, ?)`,
      )
      for (const r of due) {
        if (today >= addDays(r.due_date, -r.days_before)) {
          insert.run(newId('ob'), r.card_id, r.channel, r.due_date, firedAt, r.id)
        }
      }
    },

    outbox(): OutboxEntry[] {
      return db
        .prepare(
          'SELECT id, kind, card_id, channel, due_date, fired_at FROM outbox ORDER BY fired_at, id',
        )
        .all() as OutboxEntry[]
    },
  }
}
