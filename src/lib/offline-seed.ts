// What the pay-code widget needs of an offline seed without computing a code: its wire
// shape, its expiry and the TOTP step's countdown. Kept apart from ./totp (the HMAC,
// most of the offline code's bytes) so the web builds can load that one lazily
// (src/platform/offline-codes/).

/** HMAC hash an issuer may choose for a seed (RFC 6238 §1.2). */
export type TotpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512'

/** The TOTP parameters a code depends on besides the secret and the time. */
export interface TotpParams {
  algorithm: TotpAlgorithm
  /** Token length in digits. */
  digits: number
  /** Time step in seconds. */
  period: number
}

/**
 * An offline seed as the issuer sends it (`POST /v1/cards/{id}/pay-codes {mode: offline}`).
 * The shape TOTP needs, wider than the contract's `OfflineSeed` (which fixes 8 digits
 * and the '62' prefix): the RFC 6238 vectors run through the same code. The contract's
 * type is assignable to this one.
 */
export interface OfflineSeed {
  id: string
  mode: 'offline'
  /** 9 digits identifying the seed to the issuer; part of every code. */
  seed_ref: string
  /** RFC 4648 base32 secret. */
  secret: string
  algorithm: TotpAlgorithm
  digits: number
  period: number
  /** Leading digits of every code ('62'). */
  code_prefix: string
  /** RFC 3339 instant after which the issuer rejects codes from this seed. */
  valid_until: string
}

/** Length of every pay code, online or offline (QR, barcode and digits line alike). */
export const PAY_CODE_LENGTH = 19

/** Whole seconds until the step containing `atMs` ends, in 1…period (for a countdown). */
export function secondsLeftInStep(period: number, atMs: number): number {
  const stepMs = period * 1000
  const intoStep = ((atMs % stepMs) + stepMs) % stepMs
  return Math.ceil((stepMs - intoStep) / 1000)
}

/**
 * Unix ms of an RFC 3339 date-time, or undefined. Parsed by hand because `Date.parse`
 * of anything but the simplified ISO form differs between mini-program engines.
 */
export function parseRfc3339(value: string): number | undefined {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/.exec(
      value,
    )
  if (!m) return undefined
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  const second = Number(s)
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return undefined
  }
  const utc = Date.UTC(Number(y), month - 1, day, hour, minute, Math.min(second, 59))
  // Date.UTC rolls 31 February over into March: reject dates that do not exist.
  if (new Date(utc).getUTCDate() !== day) return undefined
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0
  const offsetMin = sign ? (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1) : 0
  return utc + ms - offsetMin * 60_000
}
