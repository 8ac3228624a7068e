import { seededRandom } from '../clock'
import { isAllowedOrigin } from '../plugins/cors'
import { resource } from '../plugins/endpoints'
import { Problem, problem } from '../plugins/problems'
import type { PayCodeRow } from '../store'
import { totpDelta } from '../totp-verify'

/**
 * The sandbox's own controls (no auth: the sandbox is a test double of the whole bank):
 * a till scanning codes, the clock, the outbox, fault rules, reset.
 */
export default resource('sandbox', ({ store, clock, faults, payCodes, settings }, app) => {
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

  return {
    sandboxScan: ({ body }) => {
      payCodes.settleDue()
      // One transaction: an offline code is spent only together with its payment's result.
      const scanned = store.transaction(() => {
        let row = store.payCodes.byCode(body.code)
        if (row) {
          const current = payCodes.statusOf(row).status
          if (current === 'expired')
            return problem(410, 'code_expired', 'this pay code has expired')
          if (current !== 'active')
            return problem(409, 'code_used', 'this pay code was already used')
        } else {
          row = verifyOffline(body.code) ?? problem(404, 'not_found', 'no such pay code')
        }
        const status =
          body.outcome === 'success'
            ? 'succeeded'
            : body.outcome === 'decline'
              ? 'declined'
              : 'pending'
        const settleAt =
          body.outcome === 'pending_then_success' ? clock.now() + settings.settleMs : null
        payCodes.setStatus(row.id, status, {
          amount: body.amount.amount,
          merchant: body.merchant,
          settleAt,
        })
        return { pay_code_id: row.id, status, settleAt }
      })
      // Real time settles it too (the sandbox clock runs with real time).
      if (scanned.settleAt !== null) payCodes.later(settings.settleMs, () => payCodes.settleDue())
      return { pay_code_id: scanned.pay_code_id, status: scanned.status }
    },

    sandboxGetClock: () => ({ now: clock.iso() }),

    sandboxAdvanceClock: ({ body }) => {
      clock.advance(body.seconds)
      store.tick()
      payCodes.settleDue()
      // Codes may have expired in the jump: wake every waiting long-poll to look again.
      payCodes.wakeAll()
      return { now: clock.iso() }
    },

    sandboxOutbox: () => {
      store.tick()
      return { data: store.reminders.outbox() }
    },

    sandboxSetFaults: ({ body }) => {
      faults.set(body.rules, body.seed === undefined ? undefined : seededRandom(body.seed))
      return { rules: body.rules.length }
    },

    sandboxClearFaults: ({ reply }) => {
      faults.clear()
      return reply.code(204).send()
    },

    sandboxReset: () => {
      store.reset()
      faults.clear()
      return { reset: true }
    },
  }
})
