import { toUtcMs } from '@contract/calendar'

/** "12月4日" / "Dec 4" for a calendar date, independent of the device time zone. */
export function formatCalendarDate(date: string, locale: 'zh-CN' | 'en-US'): string {
  const ms = toUtcMs(date)
  const d = new Date(ms)
  if (locale === 'zh-CN') return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ]
  return `${months[d.getUTCMonth()]} ${d.getUTCDate()}`
}
