import crypto from 'node:crypto'
import { promisify } from 'node:util'

import { PAYMENT_PIN_RULES } from '@contract'

import type { AccessSession } from './plugins/auth'
import { problem } from './plugins/problems'
import type { SandboxStore } from './store'

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>

/**
 * Node's default scrypt cost, written into each hash so a later cost still checks the
 * PINs stored before it.
 */
const SCRYPT = { N: 16_384, r: 8, p: 1 } as const
const KEY_BYTES = 32

/**
 * The PIN as the issuer keeps it: `scrypt$N$r$p$salt$key` (hex), a fresh 16-byte salt
 * each time, so two cardholders with one PIN store nothing alike.
 */
export async function hashPin(pin: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(pin, salt, KEY_BYTES, SCRYPT)
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('hex'), key.toString('hex')].join(
    '$',
  )
}

/** Whether `pin` is the one `stored` (from hashPin) was made of; constant time in the key. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'hex')
  const actual = await scrypt(pin, Buffer.from(salt, 'hex'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  })
  return crypto.timingSafeEqual(actual, expected)
}

/**
 * The offline check pair of a PIN (`OfflineSeed.pin_check`): HMAC-SHA256 keyed by 16
 * random salt bytes over the PIN's ASCII digits. Only 10^6 PINs exist, so whoever holds
 * a pair can find its PIN by trying them all: the pair is as secret as the seed beside it.
 */
export function pinCheckOf(pin: string): { salt: string; digest: string } {
  const salt = crypto.randomBytes(16)
  return {
    salt: salt.toString('hex'),
    digest: crypto.createHmac('sha256', salt).update(pin, 'ascii').digest('hex'),
  }
}

/**
 * Refuses (403 `step_up_required`) a request that needs the payment check when the
 * cardholder has a PIN and `token` is not a live step-up grant of this session.
 */
export function requireStepUp(
  store: SandboxStore,
  now: number,
  session: AccessSession,
  token: string | undefined,
  what: string,
): void {
  if (!store.paymentChecks.pinSet(session.userId)) return
  if (token !== undefined && store.paymentChecks.grantValid(token, session, now)) return
  problem(
    403,
    'step_up_required',
    `${what} needs the payment check: a step_up_token from POST /v1/payment-check/step-ups (valid ${PAYMENT_PIN_RULES.stepUpTtlS} s)`,
  )
}
