import { addDays, daysBetween, instantIn, monthlyDates, todayIn } from '@contract/calendar'

import { formatCalendarDate } from '@/lib/calendar'

describe('todayIn', () => {
  test.each([
    // 2026-11-22T15:59:59Z is 23:59:59 in Shanghai; one second later it is the 23rd there.
    ['2026-11-22T15:59:59Z', 'Asia/Shanghai', '2026-11-22'],
    ['2026-11-22T16:00:00Z', 'Asia/Shanghai', '2026-11-23'],
    ['2026-11-22T16:00:00Z', 'UTC', '2026-11-22'],
    ['2026-12-31T17:00:00Z', 'Asia/Shanghai', '2027-01-01'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(todayIn(zone, Date.parse(instant))).toBe(expected)
  })
})

describe('daysBetween', () => {
  test.each([
    ['2026-11-22', '2026-12-04', 12],
    ['2026-11-22', '2026-11-22', 0],
    ['2026-11-22', '2026-11-17', -5],
    ['2026-02-27', '2026-03-01', 2],
    ['2028-02-27', '2028-03-01', 3],
    ['2026-03-28', '2026-03-30', 2],
  ])('%s → %s is %d days', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected)
  })
})

describe('addDays', () => {
  test.each([
    ['2027-01-01', -3, '2026-12-29'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-11-22', 12, '2026-12-04'],
    ['2026-12-31', 0, '2026-12-31'],
  ])('%s %+d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected)
  })
})

describe('instantIn', () => {
  test.each([
    ['Asia/Shanghai', '2026-12-01', '09:00', '2026-12-01T01:00:00.000Z'],
    ['Asia/Shanghai', '2026-12-01', '07:59', '2026-11-30T23:59:00.000Z'],
    ['Asia/Shanghai', '2026-12-31', '21:00', '2026-12-31T13:00:00.000Z'],
    ['UTC', '2026-12-01', '09:00', '2026-12-01T09:00:00.000Z'],
  ])('%s %s %s is %s', (zone, date, time, expected) => {
    expect(new Date(instantIn(zone, date, time)).toISOString()).toBe(expected)
  })
})

describe('monthlyDates (calendar fallback for due days 29-31)', () => {
  test('day 31 lands on the last day of short months', () => {
    expect(monthlyDates(31, '2026-11-22', 5)).toEqual([
      '2026-11-30',
      '2026-12-31',
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ])
  })

  test('day 29 in a leap February, starting after this month’s date', () => {
    expect(monthlyDates(29, '2028-01-30', 3)).toEqual(['2028-02-29', '2028-03-29', '2028-04-29'])
  })

  test('day 15 is plain', () => {
    expect(monthlyDates(15, '2026-11-15', 2)).toEqual(['2026-11-15', '2026-12-15'])
  })
})

describe('formatCalendarDate', () => {
  test.each([
    ['2026-12-04', 'zh-CN', '12月4日'],
    ['2026-12-04', 'en-US', 'Dec 4'],
  ] as const)('%s (%s) → %s', (date, locale, expected) => {
    expect(formatCalendarDate(date, locale)).toBe(expected)
  })
})
