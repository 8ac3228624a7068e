import Taro from '@tarojs/taro'

import { monthlyDates } from '@/lib/calendar'

import type { ReminderRequest } from './reminders'

/** Seconds since epoch of 09:00 Beijing time on a calendar date. */
function morningOf(date: string, daysBefore: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Math.floor(Date.UTC(y, m - 1, d - daysBefore, 1, 0, 0) / 1000)
}

/**
 * Phone-calendar reminders (WeChat/Alipay fallback when the subscribe prompt is
 * declined). A monthly repeating event only works for days <= 28; due days 29-31
 * get one event per month for a year, each on the month's last day when shorter.
 */
export async function addCalendarReminders(request: ReminderRequest): Promise<void> {
  const dueDay = Number(request.dueDate.slice(8, 10))
  if (dueDay <= 28) {
    await Taro.addPhoneRepeatCalendar({
      title: request.title,
      startTime: morningOf(request.dueDate, request.daysBefore),
      repeatInterval: 'month',
      alarm: true,
    })
    return
  }
  for (const date of monthlyDates(dueDay, request.dueDate, 12)) {
    await Taro.addPhoneCalendar({
      title: request.title,
      startTime: morningOf(date, request.daysBefore),
      alarm: true,
    })
  }
}
