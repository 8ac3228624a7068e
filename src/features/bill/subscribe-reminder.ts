import type { Reminder, ReminderChannel } from '@contract'

import type { ReminderRequest } from '@/platform/reminders'

import type { ReminderChoice } from './reminder-choice'

/** What subscribing needs from the issuer client and the platform (use-reminders.ts wires them). */
export interface SubscribeDeps {
  /** The card's reminders as last fetched (the resource cache; no request). */
  held(): Reminder[]
  /** Fetches the card's reminders again. */
  reload(): Promise<void>
  /** The platform's subscribe prompt (or its fallback): the channel that took it. */
  prompt(request: ReminderRequest): Promise<ReminderChannel>
  create(channel: ReminderChannel, choice: ReminderChoice): Promise<void>
  remove(reminderId: string): Promise<void>
}

/**
 * One tap on "Remind me". WeChat and Alipay open their subscribe prompt only from a tap,
 * before anything was awaited, so the prompt is asked for first (synchronously, on
 * what the card last said it holds) and the issuer afterwards. A card that holds a live
 * reminder gets nothing new; a `spent` one-time reminder (its message sent) is renewed
 * with its own lead days and time: removed, then the new one set.
 * Resolves true when a reminder was created.
 */
export function subscribeOnce(
  deps: SubscribeDeps,
  request: Omit<ReminderRequest, 'daysBefore' | 'time'>,
  choice: ReminderChoice,
): Promise<boolean> {
  const live = () => deps.held().some((r) => r.status !== 'spent')
  const spent = deps.held().find((r) => r.status === 'spent')
  const wanted = spent ? { daysBefore: spent.days_before, time: spent.time } : choice
  const asked = live() ? undefined : deps.prompt({ ...request, ...wanted })
  return (async () => {
    await deps.reload()
    if (!asked) return false
    if (live()) {
      // Another device set one meanwhile: the answer to the prompt is not needed.
      await asked.catch(() => undefined)
      return false
    }
    const channel = await asked
    // The spent ones have done their work, and the issuer holds one reminder per card:
    // they go first, then the new acceptance takes their place.
    const done = deps.held().filter((r) => r.status === 'spent')
    await Promise.all(done.map((r) => deps.remove(r.id)))
    await deps.create(channel, wanted)
    return true
  })()
}
