import Taro from '@tarojs/taro'

import type { ReminderChannel, ReminderRequest } from '.'
import { subscribeOrCalendar } from './mini'

/**
 * WeChat: a one-time subscribe message (template id from the build-time setting
 * TARO_APP_WECHAT_REMINDER_TEMPLATE_ID); declined, the phone calendar;
 * unconfigured, in-app.
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
