import type { StatementStatus } from '@contract'
import { daysBetween } from '@contract/calendar'

import type { Money } from '@/lib/money'

/** The parts of a statement the bill widget computes from. */
export interface StatementFigures {
  due_date: string
  statement_balance: Money
  minimum_due: Money
  paid_to_date: Money
  status: StatementStatus
}

/** How close the due date is, for styling and `data-urgency`. */
export type Urgency = 'normal' | 'urgent' | 'overdue' | 'paid'

/** Within this many days of the due date the countdown turns urgent. */
export const URGENT_DAYS = 3

export function remainingDue(s: StatementFigures): Money {
  const amount = Math.max(0, s.statement_balance.amount - s.paid_to_date.amount)
  return { amount, currency: s.statement_balance.currency }
}

export function remainingMinimum(s: StatementFigures): Money {
  const amount = Math.max(0, s.minimum_due.amount - s.paid_to_date.amount)
  return { amount, currency: s.minimum_due.currency }
}

export function urgency(s: StatementFigures, today: string): { urgency: Urgency; days: number } {
  const days = daysBetween(today, s.due_date)
  if (s.status === 'paid' || remainingDue(s).amount === 0) return { urgency: 'paid', days }
  if (s.status === 'overdue' || days < 0) return { urgency: 'overdue', days }
  return { urgency: days <= URGENT_DAYS ? 'urgent' : 'normal', days }
}
