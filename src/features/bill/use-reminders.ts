import type { InAppNotification, Statement } from '@contract'
import { useDidShow } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'

import { issuerClient, peekResource, revalidate, useResource } from '@/issuer/client'
import { subscribeReminder } from '@/platform/reminders'

import type { ReminderChoice } from './reminder-choice'
import { subscribeOnce } from './subscribe-reminder'

/**
 * The "Remind me" button's state, as `data-status` carries it: `renew` when the card's
 * reminder was a one-time message that has been sent (a tap asks again).
 */
export type RemindStatus = 'none' | 'pending' | 'subscribed' | 'renew' | 'failed'

/**
 * A card's reminders as the issuer holds them (so the button says what is set), the
 * in-app reminder that fired for the current statement, subscribe and cancel. Both
 * lists are polled with the statement's interval and again whenever the page shows.
 */
export function useReminders(cardId: string | undefined) {
  const specs = issuerClient.resources
  const list = useResource(cardId ? specs.reminders(cardId) : null)
  const fired = useResource(cardId ? specs.notifications(cardId) : null)
  const [phase, setPhase] = useState<'idle' | 'pending' | 'failed'>('idle')
  // A second tap in the same tick (before the state re-renders) is ignored too.
  const busy = useRef(false)

  const refresh = useCallback(async () => {
    if (!cardId) return
    await Promise.all([
      revalidate(specs.reminders(cardId)),
      revalidate(specs.notifications(cardId)),
    ])
  }, [cardId, specs])
  useDidShow(() => void refresh())

  /** Subscribes once: when the issuer already holds a reminder for the card, nothing is sent. */
  const subscribe = useCallback(
    async (statement: Statement, today: string, title: string, choice: ReminderChoice) => {
      if (!cardId || busy.current) return
      busy.current = true
      setPhase('pending')
      try {
        const spec = specs.reminders(cardId)
        const created = await subscribeOnce(
          {
            held: () => peekResource(spec)?.data ?? [],
            reload: () => revalidate(spec),
            prompt: subscribeReminder,
            create: async (channel, wanted) => {
              await issuerClient.api.createReminder(cardId, {
                channel,
                days_before: wanted.daysBefore,
                time: wanted.time,
              })
            },
            remove: async (id) => {
              await issuerClient.api.deleteReminder(cardId, id)
            },
          },
          { dueDate: statement.due_date, today, title },
          choice,
        )
        if (created) await refresh()
        setPhase('idle')
      } catch {
        setPhase('failed')
      } finally {
        busy.current = false
      }
    },
    [cardId, specs, refresh],
  )

  const cancel = useCallback(
    async (reminderId: string) => {
      if (!cardId || busy.current) return
      busy.current = true
      try {
        await issuerClient.api.deleteReminder(cardId, reminderId)
      } catch {
        // Not cancelled (offline, or already gone): the refreshed list says which.
      } finally {
        busy.current = false
      }
      await revalidate(specs.reminders(cardId))
    },
    [cardId, specs],
  )

  const reminders = list.data?.data
  const status: RemindStatus =
    phase === 'pending'
      ? 'pending'
      : reminders?.some((r) => r.status !== 'spent')
        ? 'subscribed'
        : phase === 'failed'
          ? 'failed'
          : reminders?.length
            ? 'renew'
            : 'none'

  /** The newest in-app reminder that fired for this due date. */
  const noticeFor = (dueDate: string): InAppNotification | undefined =>
    fired.data?.data.find((n) => n.due_date === dueDate)

  return { reminders, status, subscribe, cancel, refresh, noticeFor }
}
