import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'

/** Due-date reminder subscriptions per card, and the in-app reminders that fired. */
export default resource('reminders', ({ store, clock }) => {
  const find = (cardId: string, id: string) => store.reminders.list(cardId).find((r) => r.id === id)
  return {
    createReminder: ({ card, body, reply }) => {
      const id = store.id('rm')
      store.reminders.add({
        id,
        card_id: card.id,
        channel: body.channel,
        days_before: body.days_before,
        time: body.time,
        created_at: clock.iso(),
      })
      store.tick() // a reminder whose moment has already passed fires now
      reply.code(201)
      return find(card.id, id)
    },

    listReminders: ({ card }) => {
      store.tick()
      return { data: store.reminders.list(card.id) }
    },

    deleteReminder: ({ card, params, reply }) => {
      if (!store.reminders.remove(card.id, params.reminder_id)) {
        return problem(404, 'not_found', 'no such reminder')
      }
      return reply.code(204).send()
    },

    listNotifications: ({ card }) => {
      // Real time passes too: a reminder whose moment came since the last request fires now.
      store.tick()
      return { data: store.reminders.inApp(card.id) }
    },
  }
})
