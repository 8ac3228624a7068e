import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'

/** A card's transactions, newest first, a page at a time. */
export default resource('transactions', ({ store }) => ({
  listTransactions: ({ card, query }) =>
    store.transactions.page(card, query.limit, query.starting_after) ??
    problem(422, 'validation_failed', 'starting_after: not a transaction of this card'),
}))
