import type { OfflineCodes } from '.'

export type { OfflineCodes }

/**
 * The offline-code functions (their HMAC and base32; `npm run bench:bytes -- h5`) in a
 * chunk of their own, loaded after the first online code is on screen: the pay-code
 * controller asks for them before it provisions a seed, so by the time a seed exists to
 * go offline with, the chunk is in memory.
 */
export function loadOfflineCodes(): Promise<OfflineCodes> {
  return import(/* webpackChunkName: "offline-codes" */ '@/lib/totp')
}
