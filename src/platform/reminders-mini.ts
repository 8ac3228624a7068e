import { addCalendarReminders } from './calendar-fallback'
import type { ReminderChannel, ReminderRequest } from './reminders'

/** What WeChat and Alipay do differently: their channel, template setting and prompt. */
export interface SubscribePrompt {
  channel: Extract<ReminderChannel, 'wechat' | 'alipay'>
  /** The build-time template id; unset, the prompt is skipped. */
  templateId: string | undefined
  /** Opens the platform's subscribe prompt; true when the cardholder accepted the template. */
  accepted(templateId: string): Promise<boolean>
}

/**
 * A mini-program reminder: the platform's subscribe message when its template is
 * configured and accepted; declined, unavailable or unconfigured, the phone calendar.
 */
export async function subscribeOrCalendar(
  request: ReminderRequest,
  { channel, templateId, accepted }: SubscribePrompt,
): Promise<ReminderChannel> {
  if (templateId) {
    try {
      if (await accepted(templateId)) return channel
    } catch {
      // Prompt unavailable (old base library, no template) or declined: use the calendar.
    }
  }
  await addCalendarReminders(request)
  return 'calendar'
}
