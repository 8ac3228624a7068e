import { remainingDue, remainingMinimum, urgency } from '@/features/bill/bill-math'
import { DEFAULT_CHOICE, stepDays, stepTime } from '@/features/bill/reminder-choice'

import { cnyMoney } from '../support/money'

const base = {
  due_date: '2026-12-04',
  statement_balance: cnyMoney(376543),
  minimum_due: cnyMoney(37654),
  paid_to_date: cnyMoney(0),
  status: 'open' as const,
}

describe('bill math', () => {
  test.each([
    ['2026-11-22', 'normal', 12],
    ['2026-12-01', 'urgent', 3],
    ['2026-12-04', 'urgent', 0],
    ['2026-12-05', 'overdue', -1],
  ])('today %s → %s, %d days', (today, expected, days) => {
    expect(urgency(base, today)).toEqual({ urgency: expected, days })
  })

  test('paid statements are paid whatever the date', () => {
    expect(
      urgency({ ...base, paid_to_date: cnyMoney(376543), status: 'paid' }, '2026-12-10'),
    ).toEqual({
      urgency: 'paid',
      days: -6,
    })
  })

  test('remaining amounts never go below zero', () => {
    const partly = { ...base, paid_to_date: cnyMoney(50000), status: 'partially_paid' as const }
    expect(remainingDue(partly)).toEqual(cnyMoney(326543))
    expect(remainingMinimum(partly)).toEqual(cnyMoney(0))
    expect(remainingMinimum(base)).toEqual(cnyMoney(37654))
  })
})

describe('reminder choice within REMINDER_BOUNDS', () => {
  test.each([
    [3, 1, 4],
    [7, 1, null],
    [1, -1, null],
    [2, -1, 1],
  ] as const)('%d days %+d → %s', (days, step, expected) => {
    expect(stepDays(days, step)).toBe(expected)
  })

  test.each([
    ['09:00', 1, '09:30'],
    ['09:00', -1, '08:30'],
    ['08:00', -1, null],
    ['20:30', 1, '21:00'],
    ['21:00', 1, null],
    ['08:15', -1, null],
  ] as const)('%s %+d step → %s', (time, step, expected) => {
    expect(stepTime(time, step)).toBe(expected)
  })

  test('the defaults are the issuer’s', () => {
    expect(DEFAULT_CHOICE).toEqual({ daysBefore: 3, time: '09:00' })
  })
})
