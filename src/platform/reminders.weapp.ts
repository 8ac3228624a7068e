import Taro from '@tarojs/taro'

import type { ReminderChannel, ReminderRequest } from './reminders'
import { subscribeOrCalendar } from './reminders-mini'

/**
 * WeChat: a one-time subscribe message (template id from the build-time setting
 * TARO_APP_WECHAT_REMINDER_TEMPLATE_ID); declined or unconfigured, the phone calendar.
 */
export function subscribeReminder(request: ReminderRequest): Promise<ReminderChannel> {
  return subscribeOrCalendar(request, {
    channel: 'wechat',
    templateId: process.env.TARO_APP_WECHAT_REMINDER_TEMPLATE_ID,
    accepted: async (templateId) => {
      const result = (await Taro.requestSubscribeMessage({
        tmplIds: [templateId],
      } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
      return result[templateId] === 'accept'
    },
  })
}
