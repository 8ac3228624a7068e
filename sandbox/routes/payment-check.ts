import crypto from 'node:crypto'

import { PAYMENT_PIN_RULES } from '@contract'

import { hashPin, pinCheckOf, verifyPin } from '../payment-pin'
import { resource } from '../plugins/endpoints'
import { problem } from '../plugins/problems'
import type { StoredPin } from '../store'

/**
 * The challenge a SOTER result says it signed (`raw`), if `result_json` is a JSON object
 * with one. The sandbox checks it against the challenges it issued; a real issuer also
 * verifies `result_json_signature` over `result_json` with the device's SOTER key through
 * WeChat's server API, which the sandbox cannot.
 */
function signedChallenge(resultJson: string): string | undefined {
  try {
    const result = JSON.parse(resultJson) as unknown
    if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined
    const raw = (result as { raw?: unknown }).raw
    return typeof raw === 'string' && raw.length > 0 ? raw : undefined
  } catch {
    return undefined
  }
}

/** The new PIN as it is kept: its slow hash and its offline check pair, never itself. */
async function storedPin(pin: string): Promise<StoredPin> {
  return { pinHash: await hashPin(pin), check: pinCheckOf(pin) }
}

/** The payment check (PIN, biometrics) and the step-up grants that prove it. */
export default resource('payment-check', ({ store, clock }) => {
  const view = (userId: string) => store.paymentChecks.view(userId, clock.now(), clock.iso)

  const refuseLocked = (until: number): never => {
    const lockedUntil = clock.iso(until)
    return problem(
      403,
      'pin_locked',
      `too many wrong PINs: PIN entry is locked until ${lockedUntil}`,
      {
        locked_until: lockedUntil,
      },
    )
  }

  /**
   * One PIN attempt, counted: returns when it is the right PIN; refuses a wrong one (403
   * `pin_incorrect` with the attempts left, `pin_locked` with the end of the lockout
   * once they are spent), and any PIN while entry is locked, without checking it.
   */
  async function provePin(userId: string, pin: string): Promise<void> {
    const row = store.paymentChecks.of(userId)
    if (!row?.pin_hash) return problem(422, 'validation_failed', 'no payment PIN is set')
    const locked = store.paymentChecks.lockedUntil(userId, clock.now())
    if (locked !== null) return refuseLocked(locked)
    const right = await verifyPin(pin, row.pin_hash)
    const attempt = store.paymentChecks.recordAttempt(userId, row.pin_hash, right, clock.now())
    if (attempt.result === 'locked') return refuseLocked(attempt.lockedUntil)
    if (attempt.result === 'wrong') {
      return problem(403, 'pin_incorrect', `wrong PIN: ${attempt.attemptsLeft} attempts left`, {
        attempts_left: attempt.attemptsLeft,
      })
    }
  }

  /** A PIN set, changed or removed: the user's seeds carry a pin_check that no longer holds. */
  const revokeSeeds = (userId: string) => store.payCodes.revokeUserSeeds(userId, clock.now())

  return {
    getPaymentCheck: ({ session }) => view(session.userId),

    setPaymentCheck: async ({ session, body }) => {
      const { userId } = session
      const { pin, current_pin: currentPin, biometrics } = body
      if (pin === undefined && biometrics === undefined) {
        return problem(422, 'validation_failed', 'nothing to change: give pin or biometrics')
      }
      // Hashed first: what is decided below and written with it happens in one go.
      const next = typeof pin === 'string' ? await storedPin(pin) : undefined
      if (!store.paymentChecks.pinSet(userId)) {
        if (currentPin !== undefined) {
          return problem(422, 'validation_failed', 'current_pin: no payment PIN is set')
        }
        if (biometrics === true && next === undefined) {
          return problem(422, 'validation_failed', 'biometrics: they need a payment PIN')
        }
        // The first PIN needs only the session (with biometrics too: it was just chosen).
        // No PIN to remove, biometrics already off: nothing changes.
        if (next !== undefined) {
          store.transaction(() => {
            store.paymentChecks.setPin(userId, next, biometrics)
            revokeSeeds(userId)
          })
        }
        return view(userId)
      }
      if (pin === null && biometrics === true) {
        return problem(422, 'validation_failed', 'biometrics: they end with the PIN')
      }
      if (currentPin === undefined) {
        return problem(
          422,
          'validation_failed',
          'current_pin: required to change the payment check',
        )
      }
      await provePin(userId, currentPin)
      store.transaction(() => {
        if (pin === null) {
          store.paymentChecks.removePin(userId)
          revokeSeeds(userId)
        } else if (next !== undefined) {
          store.paymentChecks.setPin(userId, next, biometrics)
          revokeSeeds(userId)
        } else if (biometrics !== undefined) {
          store.paymentChecks.setBiometrics(userId, biometrics)
        }
      })
      return view(userId)
    },

    createSoterChallenge: ({ session, reply }) => {
      if (store.paymentChecks.of(session.userId)?.biometrics !== 1) {
        return problem(422, 'validation_failed', 'biometrics are off for this cardholder')
      }
      const challenge = crypto.randomBytes(16).toString('hex')
      const now = clock.now()
      const ttlS = PAYMENT_PIN_RULES.soterChallengeTtlS
      store.paymentChecks.addChallenge(challenge, session.userId, now, now + ttlS * 1000)
      reply.code(201)
      return { challenge, expires_in: ttlS }
    },

    createStepUp: async ({ session, body, reply }) => {
      const check = store.paymentChecks.of(session.userId)
      if (!check?.pin_hash) {
        return problem(422, 'validation_failed', 'no payment PIN is set: there is nothing to prove')
      }
      if (body.method === 'pin') {
        await provePin(session.userId, body.pin)
      } else if (check.biometrics !== 1) {
        return problem(
          422,
          'validation_failed',
          'method: biometrics are off for this cardholder; prove the PIN',
        )
      } else {
        const raw = signedChallenge(body.result_json)
        if (
          raw === undefined ||
          !store.paymentChecks.takeChallenge(raw, session.userId, clock.now())
        ) {
          return problem(
            403,
            'step_up_required',
            'the SOTER result was not accepted: its raw must be an open challenge from soter-challenges',
          )
        }
      }
      const token = crypto.randomBytes(32).toString('base64url')
      const now = clock.now()
      store.transaction(() => {
        store.paymentChecks.dropExpiredGrants(now)
        store.paymentChecks.addGrant(token, session, now + PAYMENT_PIN_RULES.stepUpTtlS * 1000)
      })
      reply.code(201)
      return { step_up_token: token, expires_in: PAYMENT_PIN_RULES.stepUpTtlS }
    },
  }
})
