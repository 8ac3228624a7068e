import type { ScanRequest } from '@contract'

import { seededRandom } from '../clock'
import { isAllowedOrigin } from '../plugins/cors'
import { resource } from '../plugins/endpoints'
import { Problem, problem } from '../plugins/problems'
import type { PayCodeRow, Payment } from '../store'
import { totpDelta } from '../totp-verify'

/**
 * The sandbox's own controls (no auth: the sandbox is a test double of the whole bank):
 * a till scanning codes, the clock, the outbox, fault rules, reset.
 */
export default resource('sandbox', ({ store, clock, faults, payCodes, due, settings }, app) => {
  // A control changes the whole bank: a browser page of another origin may not call
  // it, not even with a "simple" request that CORS lets through without a preflight.
  app.addHook('onRequest', async (request) => {
    const origin = request.headers.origin
    if (request.method === 'GET' || origin === undefined) return
    if (!isAllowedOrigin(settings.corsOrigins, origin)) {
      throw new Problem(403, 'forbidden', 'sandbox controls are not open to this origin')
    }
  })

  /** The offline seed whose code this is (code_prefix + seed_ref + TOTP), spent once. */
  function verifyOffline(code: string): PayCodeRow | undefined {
    const seedRef = code.slice(2, 11)
    const otp = code.slice(11)
    for (const seed of store.payCodes.offlineSeeds(seedRef)) {
      if (seed.expires_at <= clock.now()) continue
      // ±1 time step: the till's and the watch's clocks may disagree a little.
      if (totpDelta(seed, otp, clock.now()) === null) continue
      if (seed.revoked_at !== null || seed.status === 'revoked') {
        return problem(410, 'code_revoked', 'this offline pay code was revoked')
      }
      if (!store.payCodes.useOfflineCode(seed.id, code)) {
        return problem(409, 'code_used', 'this offline code was already used')
      }
      return seed
    }
    return undefined
  }

  /**
   * What the till's outcome does at the issuer: an approval holds the amount against
   * the available credit (declined when it does not fit), `decline` records a refusal,
   * `no_result` records nothing. A locked card, then a currency other than the card's,
   * is declined whatever the outcome asked.
   */
  function authorise(row: PayCodeRow, body: ScanRequest): Payment {
    const { amount, merchant, outcome } = body
    const cardId = row.card_id
    const now = clock.now()
    const base = {
      amount: amount.amount,
      currency: amount.currency,
      merchant,
      settleAt: null,
      declineReason: null,
    }
    if (row.card_locked === 1) {
      // A locked card declines every scan, whatever the outcome asked. The decline is
      // listed like issuer_declined when its amount is in the card's currency (the issuer
      // converts none, so a foreign amount has no honest row: only the code records it).
      const tx =
        amount.currency === row.card_currency
          ? store.transactions.decline(cardId, amount.amount, merchant, 'card_locked')
          : null
      return {
        ...base,
        status: 'declined',
        transactionId: tx?.id ?? null,
        declineReason: 'card_locked',
      }
    }
    if (amount.currency !== row.card_currency) {
      // The issuer converts no currency, and the card's transactions are amounts in the
      // card's currency: there is no honest row to list, so only the code records the
      // decline, with the till's amount in the till's currency.
      return {
        ...base,
        status: 'declined',
        transactionId: null,
        declineReason: 'currency_not_supported',
      }
    }
    if (outcome === 'no_result') return { ...base, status: 'pending', transactionId: null }
    const tx =
      outcome === 'decline'
        ? store.transactions.decline(cardId, amount.amount, merchant, 'issuer_declined')
        : store.transactions.authorise(cardId, amount.amount, merchant, {
            postAt: now + settings.postAfterMs,
            reverseAt: outcome === 'success_then_reversal' ? now + settings.settleMs : null,
          })
    if (tx.status === 'declined') {
      return { ...base, status: 'declined', transactionId: tx.id, declineReason: tx.decline_reason }
    }
    if (outcome === 'pending_then_success') {
      return { ...base, status: 'pending', settleAt: now + settings.settleMs, transactionId: tx.id }
    }
    return { ...base, status: 'succeeded', transactionId: tx.id }
  }

  return {
    sandboxScan: ({ body }) => {
      payCodes.settleDue()
      // One transaction: the code is spent together with its payment's authorisation.
      // A code the till should not have scanned is the till's error, refused with a
      // problem: nothing is recorded, not even a declined row on the cardholder's list.
      const scanned = store.transaction(() => {
        let row = store.payCodes.byCode(body.code)
        if (row) {
          const current = payCodes.statusOf(row).status
          if (current === 'expired') {
            return problem(410, 'code_expired', 'this pay code has expired')
          }
          // A newer code of the card replaces (revokes) this one, as DELETE does.
          if (current === 'revoked') {
            return problem(410, 'code_revoked', 'this pay code was revoked or replaced')
          }
          if (current !== 'active') {
            return problem(409, 'code_used', 'this pay code was already used')
          }
        } else {
          row = verifyOffline(body.code) ?? problem(404, 'not_found', 'no such pay code')
        }
        const payment = authorise(row, body)
        payCodes.recordPayment(row.id, payment)
        return { payCodeId: row.id, ...payment }
      })
      // Real time settles it too (the sandbox clock runs with real time).
      if (scanned.settleAt !== null || body.outcome === 'success_then_reversal') {
        payCodes.later(settings.settleMs, () => payCodes.settleDue())
      }
      return {
        pay_code_id: scanned.payCodeId,
        status: scanned.status,
        ...(scanned.transactionId !== null ? { transaction_id: scanned.transactionId } : {}),
        ...(scanned.declineReason !== null ? { decline_reason: scanned.declineReason } : {}),
      }
    },

    sandboxGetClock: () => ({ now: clock.iso() }),

    sandboxAdvanceClock: ({ body }) => {
      store.advanceClock(body.seconds)
      // What the jump passed happens before the answer: a read right after sees it.
      due.run()
      payCodes.settleDue()
      // Codes may have expired in the jump: wake every waiting long-poll to look again.
      payCodes.wakeAll()
      return { now: clock.iso() }
    },

    sandboxResetClock: () => {
      store.resetClock()
      // What is due next is further away now: the timer is set again.
      due.run()
      // Codes' expiry moved with the clock: every waiting long-poll looks again.
      payCodes.wakeAll()
      return { now: clock.iso() }
    },

    sandboxOutbox: () => ({ data: store.reminders.outbox() }),

    sandboxSetFaults: ({ body }) => {
      faults.set(body.rules, body.seed === undefined ? undefined : seededRandom(body.seed))
      return { rules: body.rules.length }
    },

    sandboxClearFaults: ({ reply }) => {
      faults.clear()
      return reply.code(204).send()
    },

    sandboxClearPinLockouts: () => ({ cleared: store.paymentChecks.clearLockouts() }),

    sandboxReset: () => {
      store.reset()
      faults.clear()
      due.run()
      return { reset: true }
    },
  }
})
