import { Secret, TOTP } from 'otpauth'

/** The seed fields the issuer keeps to verify offline codes. */
export interface SeedParams {
  secret: string | null
  algorithm: string | null
  period: number | null
}

/**
 * RFC 6238 verification of an 8-digit code within ±1 time step of `atMs`: returns
 * the step offset it matched (-1, 0 or 1), or null.
 */
export function totpDelta(seed: SeedParams, otp: string, atMs: number): number | null {
  if (!seed.secret || !seed.algorithm || !seed.period || !/^\d{8}$/.test(otp)) return null
  const totp = new TOTP({
    secret: Secret.fromBase32(seed.secret),
    algorithm: seed.algorithm,
    digits: 8,
    period: seed.period,
  })
  return totp.validate({ token: otp, timestamp: atMs, window: 1 })
}
