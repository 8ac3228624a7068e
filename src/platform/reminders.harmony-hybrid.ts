import type { ReminderChannel, ReminderRequest } from './reminders'

export type { ReminderChannel, ReminderRequest }

/**
 * HarmonyOS hybrid: in-app reminders, as on H5. The hybrid plugin's phone-calendar
 * APIs are the H5 ones (not supported), and its `requestSubscribeMessage` bridge call
 * has WeChat's template semantics, which HarmonyOS Push Kit subscriptions do not share
 * and the issuer has no channel for; a container that adds one would go here.
 */
export async function subscribeReminder(_request: ReminderRequest): Promise<ReminderChannel> {
  return 'in_app'
}
