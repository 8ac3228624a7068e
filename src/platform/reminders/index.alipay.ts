import Taro from '@tarojs/taro'

import type { ReminderChannel, ReminderRequest } from '.'
import { subscribeOrCalendar } from './mini'

/**
 * Alipay: a subscribe message (template id from TARO_APP_ALIPAY_REMINDER_TEMPLATE_ID);
 * declined, the phone calendar; unconfigured, in-app.
 */
export function subscribeReminder(request: ReminderRequest): Promise<ReminderChannel> {
  return subscribeOrCalendar(request, {
    channel: 'alipay',
    templateId: process.env.TARO_APP_ALIPAY_REMINDER_TEMPLATE_ID,
    accepted: async (templateId) => {
      const result = (await Taro.requestSubscribeMessage({
        entityIds: [templateId],
      } as Taro.requestSubscribeMessage.Option)) as unknown as { subscribeEntityIds?: string[] }
      return result.subscribeEntityIds?.includes(templateId) === true
    },
  })
}
