import type { ReminderChannel } from '@/issuer/contract'

/** What to remind the cardholder of. */
export interface ReminderRequest {
  /** Due date, a calendar day in the issuer's time zone ('YYYY-MM-DD'). */
  dueDate: string
  /** Today in the issuer's time zone, for the calendar fallback's first event. */
  today: string
  title: string
  /** Remind this many days before the due date. */
  daysBefore: number
}

/** The channel that took the reminder; the issuer records it per card. */
export type { ReminderChannel }

/**
 * Asks the platform for the right to remind. Must be called from a tap handler:
 * WeChat and Alipay only open their subscribe prompts on a user tap.
 *
 * H5 (and the shared fallback): no platform channel; the app reminds in-app.
 */
export async function subscribeReminder(_request: ReminderRequest): Promise<ReminderChannel> {
  return 'in_app'
}
