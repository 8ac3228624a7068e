import crypto from 'node:crypto'

import { OfflineSeedSchema } from '@contract'
import { Secret } from 'otpauth'
import * as v from 'valibot'

import { requireStepUp } from '../payment-pin'
import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'

const SECRET_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 } as const
const ONLINE_TTL_S = 60
const SEED_TTL_S = 7 * 24 * 3600

/** Online pay codes, offline TOTP seeds, and the long-poll of their payment result. */
export default resource('pay-codes', ({ store, clock, payCodes, settings }) => {
  const ownRow = (id: string, userId: string) => {
    const row = store.payCodes.byId(id)
    return row && row.user_id === userId ? row : problem(404, 'not_found', 'no such pay code')
  }

  return {
    createPayCode: ({ session, card, body, reply }) => {
      const now = clock.now()
      // The lock is the stronger answer: a locked card gets no code, step-up or not.
      if (store.cards.byId(card.id).locked === 1) {
        return problem(409, 'card_locked', 'this card is locked: unlock it to pay with it')
      }
      requireStepUp(store, now, session, body.step_up_token, 'a pay code')
      reply.code(201)
      const id = store.id('pc')
      if (body.mode === 'online') {
        // One live online code per card: a new one revokes the last.
        for (const old of store.payCodes.liveOnlineIds(card.id, now)) {
          payCodes.setStatus(old, 'revoked')
        }
        const code = `62${store.digits(17)}`
        const expiresAt = now + ONLINE_TTL_S * 1000
        store.payCodes.addOnline(id, session.userId, card.id, code, expiresAt, now)
        payCodes.later(ONLINE_TTL_S * 1000, () => payCodes.notify(id))
        return { id, mode: 'online', code, expires_at: clock.iso(expiresAt), ttl_s: ONLINE_TTL_S }
      }
      // RFC 6238's reference seeds: 20, 32 and 64 bytes for SHA1, SHA256 and SHA512.
      const algorithm = settings.offlineAlgorithm
      const size = SECRET_BYTES[algorithm]
      const secretBytes = crypto.randomBytes(size)
      const secret = new Secret({
        buffer: secretBytes.buffer.slice(secretBytes.byteOffset, secretBytes.byteOffset + size),
      }).base32
      const seedRef = store.digits(9)
      const validUntil = now + SEED_TTL_S * 1000
      store.payCodes.addSeed(
        {
          id,
          userId: session.userId,
          cardId: card.id,
          validUntil,
          seedRef,
          secret,
          algorithm,
          deviceId: body.device_id,
          family: session.family,
        },
        now,
      )
      // The PIN's offline check pair as it was made when the PIN was set (one per user
      // and PIN): a PIN change revokes this seed, so the pair it carries never goes stale.
      const check = store.paymentChecks.of(session.userId)
      const pinCheck =
        check?.pin_hash && check.check_salt && check.check_digest
          ? { pin_check: { salt: check.check_salt, digest: check.check_digest } }
          : {}
      return v.parse(OfflineSeedSchema, {
        ...pinCheck,
        id,
        mode: 'offline',
        seed_ref: seedRef,
        secret,
        algorithm,
        digits: 8,
        period: 30,
        code_prefix: '62',
        valid_until: clock.iso(validUntil),
      })
    },

    getPayCodeStatus: async ({ session, params, query, request }) => {
      const read = () => {
        payCodes.settleDue()
        return payCodes.statusOf(ownRow(params.pay_code_id, session.userId))
      }
      let current = read()
      // Long-poll: sleep until the pay code changes, and answer when its status differs
      // from what the caller knows, or the wait ends.
      const deadline = Date.now() + query.wait_s * 1000
      let closed = false
      request.raw.once('close', () => {
        closed = true
      })
      while (
        current.status === query.since &&
        !closed &&
        (await payCodes.waitForChange(params.pay_code_id, request.raw, deadline))
      ) {
        current = read()
      }
      return current
    },

    revokePayCode: ({ session, params, reply }) => {
      const row = ownRow(params.pay_code_id, session.userId)
      // A seed is revoked whatever it has paid before: its status keeps the last
      // payment's result, revoked_at stops every code it would still yield.
      if (row.mode === 'offline') store.payCodes.revokeSeed(row.id, clock.now())
      if (row.status === 'active') payCodes.setStatus(row.id, 'revoked')
      return reply.code(204).send()
    },
  }
})
