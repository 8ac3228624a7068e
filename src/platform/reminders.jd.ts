import type { ReminderChannel, ReminderRequest } from './reminders'

export type { ReminderChannel, ReminderRequest }

/**
 * JD: in-app reminders. JD has no subscribe-message prompt (`requestSubscribeMessage`
 * is WeChat's and Douyin's) and no phone-calendar API (`addPhoneCalendar` /
 * `addPhoneRepeatCalendar` are WeChat's), so neither of the other channels exists here.
 */
export async function subscribeReminder(_request: ReminderRequest): Promise<ReminderChannel> {
  return 'in_app'
}
