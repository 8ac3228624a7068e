// The phone-calendar fallback: its events decided from the reminder's own day (due date
// less lead days), at the chosen time in the issuer's zone (+08:00), with exact dates.
import Taro from '@tarojs/taro'

import { addCalendarReminders, calendarEvents } from '@/platform/reminders/calendar-fallback'
import { subscribeOrCalendar } from '@/platform/reminders/mini'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

const fake = Taro as unknown as Record<string, jest.Mock>
const iso = (seconds: number) => new Date(seconds * 1000).toISOString()
const events = (dueDate: string, daysBefore: number, time: string, today: string) =>
  calendarEvents({ dueDate, daysBefore, time, today, title: 'Payment due' }).map((e) => [
    iso(e.startTime),
    e.repeatMonthly,
  ])

beforeEach(() => {
  fake.addPhoneCalendar = jest.fn(async () => ({}))
  fake.addPhoneRepeatCalendar = jest.fn(async () => ({}))
  fake.requestSubscribeMessage = jest.fn(async () => ({}))
})

describe('calendarEvents', () => {
  test('due on the 1st with 3 days’ notice: the 29th, one event a month, clamped to February’s 28th', () => {
    expect(events('2027-01-01', 3, '09:00', '2026-12-01')).toEqual([
      ['2026-12-29T01:00:00.000Z', false],
      ['2027-01-29T01:00:00.000Z', false],
      ['2027-02-28T01:00:00.000Z', false],
      ['2027-03-29T01:00:00.000Z', false],
      ['2027-04-29T01:00:00.000Z', false],
      ['2027-05-29T01:00:00.000Z', false],
      ['2027-06-29T01:00:00.000Z', false],
      ['2027-07-29T01:00:00.000Z', false],
      ['2027-08-29T01:00:00.000Z', false],
      ['2027-09-29T01:00:00.000Z', false],
      ['2027-10-29T01:00:00.000Z', false],
      ['2027-11-29T01:00:00.000Z', false],
    ])
  })

  test('due on the 1st of March 2028 with 1 day’s notice: February 29th, then the 29th', () => {
    expect(events('2028-03-01', 1, '20:30', '2028-02-01').slice(0, 3)).toEqual([
      ['2028-02-29T12:30:00.000Z', false],
      ['2028-03-29T12:30:00.000Z', false],
      ['2028-04-29T12:30:00.000Z', false],
    ])
  })

  test('due on the 31st with 1 day’s notice: the 30th, February on its last day', () => {
    const dates = events('2026-12-31', 1, '08:00', '2026-12-01')
    expect(dates).toHaveLength(12)
    expect(dates.slice(0, 4)).toEqual([
      ['2026-12-30T00:00:00.000Z', false],
      ['2027-01-30T00:00:00.000Z', false],
      ['2027-02-28T00:00:00.000Z', false],
      ['2027-03-30T00:00:00.000Z', false],
    ])
  })

  test('due on the 31st with 3 days’ notice: the 28th repeats monthly, one event', () => {
    expect(events('2026-12-31', 3, '21:00', '2026-12-01')).toEqual([
      ['2026-12-28T13:00:00.000Z', true],
    ])
  })

  test('due on the 1st of December with 3 days’ notice: November 28th repeats monthly', () => {
    expect(events('2026-12-01', 3, '09:00', '2026-11-22')).toEqual([
      ['2026-11-28T01:00:00.000Z', true],
    ])
  })

  test('a reminder day already past this month starts next month', () => {
    expect(events('2026-11-25', 7, '09:00', '2026-11-22')).toEqual([
      ['2026-12-18T01:00:00.000Z', true],
    ])
    expect(events('2026-12-01', 2, '09:00', '2026-11-30').slice(0, 3)).toEqual([
      ['2026-12-29T01:00:00.000Z', false],
      ['2027-01-29T01:00:00.000Z', false],
      ['2027-02-28T01:00:00.000Z', false],
    ])
  })
})

describe('addCalendarReminders', () => {
  test('a reminder day <= 28 is one monthly repeating event at the chosen time', async () => {
    const request = {
      dueDate: '2026-12-01',
      daysBefore: 3,
      time: '18:15',
      today: '2026-11-22',
      title: 'Payment due',
    }
    await addCalendarReminders(request)
    expect(fake.addPhoneRepeatCalendar!.mock.calls).toEqual([
      [
        {
          title: 'Payment due',
          startTime: Date.parse('2026-11-28T10:15:00Z') / 1000,
          repeatInterval: 'month',
          alarm: true,
        },
      ],
    ])
    expect(fake.addPhoneCalendar).not.toHaveBeenCalled()
  })

  test('a reminder day 29-31 is twelve single events', async () => {
    await addCalendarReminders({
      dueDate: '2027-01-01',
      daysBefore: 3,
      time: '09:00',
      today: '2026-12-01',
      title: 'Payment due',
    })
    expect(fake.addPhoneRepeatCalendar).not.toHaveBeenCalled()
    expect(fake.addPhoneCalendar!.mock.calls).toHaveLength(12)
    expect(fake.addPhoneCalendar!.mock.calls[2]).toEqual([
      { title: 'Payment due', startTime: Date.parse('2027-02-28T01:00:00Z') / 1000, alarm: true },
    ])
  })
})

describe('subscribeOrCalendar', () => {
  const request = {
    dueDate: '2026-12-04',
    daysBefore: 3,
    time: '09:00',
    today: '2026-11-22',
    title: 'Payment due',
  }

  test('no template id configured: in-app, no prompt and no calendar', async () => {
    const accepted = jest.fn(async () => true)
    expect(
      await subscribeOrCalendar(request, { channel: 'wechat', templateId: undefined, accepted }),
    ).toBe('in_app')
    expect(accepted).not.toHaveBeenCalled()
    expect(fake.addPhoneRepeatCalendar).not.toHaveBeenCalled()
  })

  test('accepted: the platform channel; declined: the calendar', async () => {
    expect(
      await subscribeOrCalendar(request, {
        channel: 'wechat',
        templateId: 'tmpl-1',
        accepted: async () => true,
      }),
    ).toBe('wechat')
    expect(fake.addPhoneRepeatCalendar).not.toHaveBeenCalled()
    expect(
      await subscribeOrCalendar(request, {
        channel: 'alipay',
        templateId: 'tmpl-1',
        accepted: async () => false,
      }),
    ).toBe('calendar')
    expect(fake.addPhoneRepeatCalendar!.mock.calls).toEqual([
      [
        {
          title: 'Payment due',
          startTime: Date.parse('2026-12-01T01:00:00Z') / 1000,
          repeatInterval: 'month',
          alarm: true,
        },
      ],
    ])
  })
})
