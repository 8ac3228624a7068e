import { requireStepUp } from '../payment-pin'
import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'

/** The cardholder's cards, their locks, a card's balance and its current statement. */
export default resource('cards', ({ store, clock }) => ({
  listCards: ({ session }) => ({
    data: store.cards.list(session.userId).map((c) => ({
      id: c.id,
      brand: c.brand,
      last4: c.last4,
      product_name: c.product_name,
      currency: c.currency,
      locked: c.locked === 1,
    })),
  }),

  setCardLock: ({ session, card, body }) => {
    // Read afresh: another request may have changed the lock since auth read the card.
    const locked = store.cards.byId(card.id).locked === 1
    if (locked && !body.locked) {
      requireStepUp(store, clock.now(), session, body.step_up_token, 'unlocking a card')
    }
    const row = store.cards.setLocked(card.id, body.locked, clock.iso())
    return { card_id: row.id, locked: row.locked === 1, updated_at: row.lock_changed_at }
  },

  getBalance: ({ card }) => store.cards.balanceOf(card),

  getCurrentStatement: ({ card }) => {
    const statement = store.cards.statement(card.id)
    if (!statement) return problem(404, 'no_statement', 'no statement has been issued yet')
    return store.cards.statementOf(card, statement, store.today())
  },
}))
