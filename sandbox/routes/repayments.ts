import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'
import { hash } from '../store'

/** Repayments, idempotent by Idempotency-Key: a replay answers the stored response. */
export default resource('repayments', ({ store, settings }) => ({
  createRepayment: async ({ session, card, body, idempotencyKey: key, reply }) => {
    const { userId } = session
    // The intent, not the bytes: the same amount on the same card is the same request.
    const requestHash = hash(JSON.stringify([card.id, body.amount.amount, body.amount.currency]))
    const stored = store.idempotency.claim(userId, key, requestHash)
    if (stored !== 'claimed') {
      if (stored.request_hash !== requestHash) {
        return problem(
          422,
          'idempotency_key_reused',
          'this Idempotency-Key was used with another request',
        )
      }
      if (stored.state !== 'done') {
        return problem(
          409,
          'idempotency_in_progress',
          'a request with this Idempotency-Key is in progress',
        )
      }
      reply.header('Idempotent-Replayed', 'true').code(stored.status ?? 201)
      return JSON.parse(stored.body ?? 'null') as unknown
    }
    try {
      await new Promise((resolve) => setTimeout(resolve, settings.repaymentProcessingMs))
      const fresh = store.cards.owned(userId, card.id) ?? problem(404, 'not_found', 'no such card')
      if (body.amount.currency !== fresh.currency) {
        return problem(422, 'validation_failed', `amount.currency: must be ${fresh.currency}`)
      }
      if (body.amount.amount > fresh.posted) {
        return problem(422, 'validation_failed', 'amount: more than the balance owed')
      }
      if (!store.cards.statement(card.id)) {
        return problem(404, 'no_statement', 'no statement has been issued yet')
      }
      reply.code(201)
      return store.repayments.repay(userId, card.id, body.amount.amount, key)
    } catch (error) {
      // A refused request leaves the key free: a corrected retry may use it.
      store.idempotency.release(userId, key)
      throw error
    }
  },

  listRepayments: ({ card }) => ({ data: store.repayments.list(card.id) }),
}))
