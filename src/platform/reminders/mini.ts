import type { ReminderChannel, ReminderRequest } from '.'
import { addCalendarReminders } from './calendar-fallback'

/** What WeChat and Alipay do differently: their channel, template setting and prompt. */
export interface SubscribePrompt {
  channel: Extract<ReminderChannel, 'wechat' | 'alipay'>
  /** The build-time template id; unset, the reminder is in-app. */
  templateId: string | undefined
  /** Opens the platform's subscribe prompt; true when the cardholder accepted the template. */
  accepted(templateId: string): Promise<boolean>
}

/**
 * A mini-program reminder: the platform's subscribe message when its template is
 * configured and accepted; declined or unavailable, the phone calendar. Without a
 * template id the platform has no message to send: the app reminds in-app.
 */
export async function subscribeOrCalendar(
  request: ReminderRequest,
  { channel, templateId, accepted }: SubscribePrompt,
): Promise<ReminderChannel> {
  if (!templateId) return 'in_app'
  try {
    if (await accepted(templateId)) return channel
  } catch {
    // Prompt unavailable (old base library, unknown template) or declined: the calendar.
  }
  await addCalendarReminders(request)
  return 'calendar'
}
