/**
 * Calendar dates ('YYYY-MM-DD') as a bill means them: a due date is a day in the
 * issuer's time zone, not an instant. Arithmetic runs on UTC midnights so no
 * device time zone or DST can shift a day. The issuer (its cycles, reminders and late
 * fees) and the app (days left, the device calendar's fallback) count days by these.
 */

const FIXED_OFFSETS_MIN: Record<string, number> = {
  'Asia/Shanghai': 480,
  'Asia/Hong_Kong': 480,
  'Asia/Taipei': 480,
  'Asia/Singapore': 480,
  UTC: 0,
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** Today's date in `timeZone` at instant `nowMs`. */
export function todayIn(timeZone: string, nowMs: number): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(new Date(nowMs))
    const get = (type: string) => parts.find((p) => p.type === type)?.value
    const year = get('year')
    const month = get('month')
    const day = get('day')
    if (year && month && day) return `${year}-${month}-${day}`
  } catch {
    // Engines without time-zone data (some Android mini-program runtimes) land here.
  }
  const offset = FIXED_OFFSETS_MIN[timeZone] ?? 480
  const shifted = new Date(nowMs + offset * 60_000)
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`
}

/** The UTC midnight of a calendar date (ms); a RangeError for anything else. */
export function toUtcMs(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) throw new RangeError(`not a calendar date: ${date}`)
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
}

/** The calendar day `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(toUtcMs(date) + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The instant (ms since epoch) of wall-clock `time` (HH:MM) on calendar day `date` in
 * `timeZone`. Only fixed-offset zones are known (the issuer's has no daylight saving);
 * an unknown one is read as the issuer's +08:00.
 */
export function instantIn(timeZone: string, date: string, time: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(time)
  if (!match) throw new RangeError(`not an HH:MM time: ${time}`)
  const offset = FIXED_OFFSETS_MIN[timeZone] ?? 480
  const minutes = Number(match[1]) * 60 + Number(match[2]) - offset
  return toUtcMs(date) + minutes * 60_000
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / 86_400_000)
}

export function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate()
}

/**
 * The next `count` monthly occurrences of a due day from `startDate` (inclusive):
 * day 29-31 falls on the month's last day when the month is shorter. Calendar apps'
 * monthly repeat only works for days <= 28, so longer days get one event each.
 */
export function monthlyDates(dueDay: number, startDate: string, count: number): string[] {
  const start = toUtcMs(startDate)
  const first = new Date(start)
  let year = first.getUTCFullYear()
  let month = first.getUTCMonth() + 1
  const dates: string[] = []
  while (dates.length < count) {
    const day = Math.min(dueDay, daysInMonth(year, month))
    const date = `${year}-${pad(month)}-${pad(day)}`
    if (toUtcMs(date) >= start) dates.push(date)
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return dates
}
