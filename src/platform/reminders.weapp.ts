import Taro from '@tarojs/taro'

import { addCalendarReminders } from './calendar-fallback'
import type { ReminderChannel, ReminderRequest } from './reminders'

export type { ReminderChannel, ReminderRequest }

/**
 * WeChat: a one-time subscribe message (template id from the build-time setting
 * TARO_APP_WECHAT_REMINDER_TEMPLATE_ID); declined or unconfigured, the phone calendar.
 */
export async function subscribeReminder(request: ReminderRequest): Promise<ReminderChannel> {
  const templateId = process.env.TARO_APP_WECHAT_REMINDER_TEMPLATE_ID
  if (templateId) {
    try {
      const result = (await Taro.requestSubscribeMessage({
        tmplIds: [templateId],
      } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
      if (result[templateId] === 'accept') return 'wechat'
    } catch {
      // Prompt unavailable (old base library, no template): use the calendar.
    }
  }
  await addCalendarReminders(request)
  return 'calendar'
}
