import Taro from '@tarojs/taro'

import { addCalendarReminders } from './calendar-fallback'
import type { ReminderChannel, ReminderRequest } from './reminders'

export type { ReminderChannel, ReminderRequest }

/**
 * Alipay: a subscribe message (template id from TARO_APP_ALIPAY_REMINDER_TEMPLATE_ID);
 * declined or unconfigured, the phone calendar.
 */
export async function subscribeReminder(request: ReminderRequest): Promise<ReminderChannel> {
  const templateId = process.env.TARO_APP_ALIPAY_REMINDER_TEMPLATE_ID
  if (templateId) {
    try {
      const result = (await Taro.requestSubscribeMessage({
        entityIds: [templateId],
      } as Taro.requestSubscribeMessage.Option)) as unknown as {
        subscribeEntityIds?: string[]
      }
      if (result.subscribeEntityIds?.includes(templateId)) return 'alipay'
    } catch {
      // Declined or unavailable: use the calendar.
    }
  }
  await addCalendarReminders(request)
  return 'calendar'
}
