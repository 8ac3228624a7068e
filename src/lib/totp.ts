// Offline pay codes (RFC 6238) from an issuer-provisioned seed. The HMAC is
// @noble/hashes' (pure JS: no `eval`, no WebCrypto, no Node `crypto`, so the same code
// runs in the WeChat/Alipay engines and on H5) and the base32 decoding @scure/base's.
// Only RFC 4226's counter encoding and dynamic truncation are written here: a dozen
// lines, where `otpauth` (which the sandbox still uses to verify codes independently)
// would add its own HMAC and base32 to every package (`npm run bench:bytes -- weapp`).
import { hmac } from '@noble/hashes/hmac.js'
import { sha1 } from '@noble/hashes/legacy.js'
import { sha256, sha512 } from '@noble/hashes/sha2.js'
import { base32, hex } from '@scure/base'

import { type OfflineSeed, parseRfc3339, PAY_CODE_LENGTH, type TotpParams } from './offline-seed'

export type { OfflineSeed, TotpAlgorithm, TotpParams } from './offline-seed'

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const
const ALGORITHMS: readonly string[] = Object.keys(HASHES)

/** The RFC 6238 token for `atMs` (Unix ms); throws on an invalid secret or parameters. */
export function totp(secretBase32: string, params: TotpParams, atMs: number): string {
  assertParams(params)
  const secret = decodeSecret(secretBase32)
  // RFC 4226 §4 R6: the shared secret MUST be at least 128 bits.
  if (secret.byteLength < 16) throw new RangeError('TOTP secret is shorter than 128 bits')
  // RFC 6238 §4.2: the counter is the number of whole steps since the Unix epoch, as an
  // 8-byte big-endian integer (RFC 4226 §5.2), written as two 32-bit halves: older
  // mini-program engines have no BigInt.
  const steps = Math.floor(atMs / 1000 / params.period)
  const counter = new Uint8Array(8)
  const view = new DataView(counter.buffer)
  view.setUint32(0, Math.floor(steps / 2 ** 32))
  view.setUint32(4, steps >>> 0)
  const mac = hmac(HASHES[params.algorithm], secret, counter)
  // RFC 4226 §5.3 dynamic truncation: 31 bits from the offset the last nibble names.
  const offset = (mac[mac.length - 1] as number) & 0x0f
  const binary = new DataView(mac.buffer, mac.byteOffset).getUint32(offset) & 0x7fffffff
  return String(binary % 10 ** params.digits).padStart(params.digits, '0')
}

/** RFC 4648 base32, case-insensitive, padding optional (as issuers and authenticator apps write it). */
function decodeSecret(value: string): Uint8Array {
  const clean = value.replace(/[\s=]/g, '').toUpperCase()
  const padded = clean.padEnd(Math.ceil(clean.length / 8) * 8, '=')
  return base32.decode(padded)
}

/**
 * The offline pay code at `atMs`: code_prefix + seed_ref + TOTP, 19 digits.
 * Throws rather than return anything else: a malformed code must never reach the screen.
 * It does not check `valid_until`; ask `isSeedUsable` first.
 */
export function offlinePayCode(seed: OfflineSeed, atMs: number): string {
  const code =
    seed.code_prefix +
    seed.seed_ref +
    totp(seed.secret, { algorithm: seed.algorithm, digits: seed.digits, period: seed.period }, atMs)
  if (code.length !== PAY_CODE_LENGTH || !/^\d+$/.test(code)) {
    throw new RangeError(`offline seed ${seed.id} does not yield a ${PAY_CODE_LENGTH}-digit code`)
  }
  return code
}

/**
 * True when the seed is well formed (yields a 19-digit code) and stays valid for at
 * least `renewBeforeMs` more: false means "renew it now" (or, with 0, "it has expired").
 */
export function isSeedUsable(seed: OfflineSeed, atMs: number, renewBeforeMs: number): boolean {
  const validUntil = parseRfc3339(seed.valid_until)
  if (validUntil === undefined || atMs + renewBeforeMs >= validUntil) return false
  if (seed.mode !== 'offline' || !/^\d{9}$/.test(seed.seed_ref)) return false
  try {
    offlinePayCode(seed, atMs)
    return true
  } catch {
    return false
  }
}

/**
 * A payment PIN checked on the device against the material its seed came with
 * (`pin_check`): HMAC-SHA256 keyed by the salt over the PIN's digits, compared in hex.
 */
export function checkPin(check: { salt: string; digest: string }, pin: string): boolean {
  // The digits' ASCII bytes by hand: noble's utf8ToBytes needs TextEncoder, which older
  // mini-program engines lack.
  const message = Uint8Array.from(pin, (digit) => digit.charCodeAt(0))
  return hex.encode(hmac(sha256, hex.decode(check.salt), message)) === check.digest
}

function assertParams({ algorithm, digits, period }: TotpParams): void {
  if (!ALGORITHMS.includes(algorithm)) throw new RangeError(`unsupported algorithm ${algorithm}`)
  if (!Number.isInteger(digits) || digits < 6 || digits > 10) {
    throw new RangeError(`digits must be an integer in 6…10, got ${digits}`)
  }
  if (!Number.isInteger(period) || period < 1) {
    throw new RangeError(`period must be a positive integer, got ${period}`)
  }
}
