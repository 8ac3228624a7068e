import { REMINDER_BOUNDS } from '@contract'

/** What the cardholder picks for a reminder, within the issuer's REMINDER_BOUNDS. */
export interface ReminderChoice {
  daysBefore: number
  /** HH:MM in the issuer's time zone. */
  time: string
}

/** The issuer's defaults: what compact frames (no picker) subscribe with. */
export const DEFAULT_CHOICE: ReminderChoice = {
  daysBefore: REMINDER_BOUNDS.daysBefore.default,
  time: REMINDER_BOUNDS.time.default,
}

/** The picker's time step, in minutes. */
export const TIME_STEP_MIN = 30

const pad = (n: number) => String(n).padStart(2, '0')
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** Lead days one step on, or null past the bounds. */
export function stepDays(days: number, step: 1 | -1): number | null {
  const next = days + step
  const { min, max } = REMINDER_BOUNDS.daysBefore
  return next < min || next > max ? null : next
}

/** The time one step (TIME_STEP_MIN) on, or null past the bounds. */
export function stepTime(time: string, step: 1 | -1): string | null {
  const next = minutesOf(time) + step * TIME_STEP_MIN
  const { earliestHour, latestHour } = REMINDER_BOUNDS.time
  if (next < earliestHour * 60 || next > latestHour * 60) return null
  return `${pad(Math.floor(next / 60))}:${pad(next % 60)}`
}
