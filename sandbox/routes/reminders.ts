import type { Reminder } from '../../src/issuer/contract'
import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'

/** Due-date reminder subscriptions per card. */
export default resource('reminders', ({ store, clock }) => ({
  createReminder: ({ card, body, reply }) => {
    const reminder: Reminder = {
      id: store.id('rm'),
      card_id: card.id,
      channel: body.channel,
      days_before: body.days_before,
      created_at: clock.iso(),
    }
    store.reminders.add(reminder)
    store.tick() // a reminder whose day has already come fires now
    reply.code(201)
    return reminder
  },

  listReminders: ({ card }) => ({ data: store.reminders.list(card.id) }),

  deleteReminder: ({ card, params, reply }) => {
    if (!store.reminders.remove(card.id, params.reminder_id)) {
      return problem(404, 'not_found', 'no such reminder')
    }
    return reply.code(204).send()
  },
}))
