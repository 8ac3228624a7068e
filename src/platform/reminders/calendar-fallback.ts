import { ISSUER_TIME_ZONE } from '@contract'
import { addDays, instantIn, monthlyDates } from '@contract/calendar'
import Taro from '@tarojs/taro'

import type { ReminderRequest } from '.'

/** One phone-calendar event: its first start (seconds since epoch), and whether it repeats. */
export interface CalendarEvent {
  startTime: number
  repeatMonthly: boolean
}

/**
 * The calendar events of a reminder, decided from the reminder's own day (the due date
 * less the lead days, e.g. due on the 1st with 3 days' notice: the 28th-29th), at its
 * time in the issuer's time zone, from its first occurrence not before today.
 * Calendar apps repeat monthly only on days <= 28, so a reminder day 29-31 gets one
 * event a month for a year instead, each on the month's last day when the month is
 * shorter.
 */
export function calendarEvents(request: ReminderRequest): CalendarEvent[] {
  const remindDate = addDays(request.dueDate, -request.daysBefore)
  const remindDay = Number(remindDate.slice(8, 10))
  const repeatMonthly = remindDay <= 28
  const from = remindDate < request.today ? request.today : remindDate
  return monthlyDates(remindDay, from, repeatMonthly ? 1 : 12).map((date) => ({
    startTime: Math.floor(instantIn(ISSUER_TIME_ZONE, date, request.time) / 1000),
    repeatMonthly,
  }))
}

/** Phone-calendar reminders (WeChat/Alipay fallback when the subscribe prompt is declined). */
export async function addCalendarReminders(request: ReminderRequest): Promise<void> {
  for (const event of calendarEvents(request)) {
    if (event.repeatMonthly) {
      await Taro.addPhoneRepeatCalendar({
        title: request.title,
        startTime: event.startTime,
        repeatInterval: 'month',
        alarm: true,
      })
    } else {
      await Taro.addPhoneCalendar({ title: request.title, startTime: event.startTime, alarm: true })
    }
  }
}
