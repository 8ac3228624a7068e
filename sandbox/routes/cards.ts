import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'

/** The cardholder's cards, a card's balance and its current statement. */
export default resource('cards', ({ store }) => ({
  listCards: ({ session }) => ({
    data: store.cards.list(session.userId).map((c) => ({
      id: c.id,
      brand: c.brand,
      last4: c.last4,
      product_name: c.product_name,
      currency: c.currency,
    })),
  }),

  getBalance: ({ card }) => store.cards.balanceOf(card),

  getCurrentStatement: ({ card }) => {
    const statement = store.cards.statement(card.id)
    if (!statement) return problem(404, 'no_statement', 'no statement has been issued yet')
    return store.cards.statementOf(card, statement, store.today())
  },
}))
