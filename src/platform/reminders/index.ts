import type { ReminderChannel } from '@contract'

/** What to remind the cardholder of. */
export interface ReminderRequest {
  /** Due date, a calendar day in the issuer's time zone ('YYYY-MM-DD'). */
  dueDate: string
  /** Today in the issuer's time zone, for the calendar fallback's first event. */
  today: string
  title: string
  /** Remind this many days before the due date (REMINDER_BOUNDS). */
  daysBefore: number
  /** At this time of day, HH:MM in the issuer's time zone (REMINDER_BOUNDS). */
  time: string
}

/** The channel that took the reminder; the issuer records it per card. */
export type { ReminderChannel }

/**
 * Asks the platform for the right to remind. Must be called from a tap handler:
 * WeChat and Alipay only open their subscribe prompts on a user tap
 * (`reminders/index.weapp.ts`, `reminders/index.alipay.ts`).
 *
 * Where no subscribe message can be sent the app reminds in-app (the issuer lists the
 * fired ones, the bill widget shows them): WeChat and Alipay builds without a template
 * id, and everywhere this fallback serves:
 * - H5 has no platform channel.
 * - JD has no subscribe-message prompt (`requestSubscribeMessage` is WeChat's and
 *   Douyin's) and no phone-calendar API (`addPhoneCalendar` / `addPhoneRepeatCalendar`
 *   are WeChat's).
 * - HarmonyOS hybrid: the plugin's phone-calendar APIs are the H5 ones (not supported),
 *   and its `requestSubscribeMessage` bridge call has WeChat's template semantics, which
 *   HarmonyOS Push Kit subscriptions do not share and the issuer has no channel for; a
 *   container that adds one would get its own `reminders/index.harmony-hybrid.ts`.
 */
export async function subscribeReminder(_request: ReminderRequest): Promise<ReminderChannel> {
  return 'in_app'
}
