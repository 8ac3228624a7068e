import { REMINDER_BOUNDS } from '@contract'

import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'

/** Due-date reminder subscriptions per card, and the in-app reminders that fired. */
export default resource('reminders', ({ store, clock, due }) => {
  const find = (cardId: string, id: string) => store.reminders.list(cardId).find((r) => r.id === id)
  return {
    createReminder: ({ card, body, reply }) => {
      const { perCard } = REMINDER_BOUNDS
      if (store.reminders.count(card.id) >= perCard) {
        return problem(
          422,
          'too_many_reminders',
          `a card holds at most ${perCard} reminders; delete one to add another`,
        )
      }
      const id = store.id('rm')
      store.reminders.add({
        id,
        card_id: card.id,
        channel: body.channel,
        days_before: body.days_before,
        time: body.time,
        created_at: clock.iso(),
      })
      due.run() // one whose moment has already passed fires now; the timer waits for the rest
      reply.code(201)
      return find(card.id, id)
    },

    listReminders: ({ card }) => ({ data: store.reminders.list(card.id) }),

    deleteReminder: ({ card, params, reply }) => {
      if (!store.reminders.remove(card.id, params.reminder_id)) {
        return problem(404, 'not_found', 'no such reminder')
      }
      // The timer may be set for its moment: it then finds nothing due and sets itself
      // for the next one.
      return reply.code(204).send()
    },

    listNotifications: ({ card }) => ({ data: store.reminders.inApp(card.id) }),
  }
})
