import type { OfflineCodes } from './offline-codes'

export type { OfflineCodes }

/**
 * The offline-code functions (their HMAC is ~7 KiB gzip, a fifth of the pay-code
 * page's own code) in a chunk of their own, loaded after the first online code is on
 * screen: the pay-code controller asks for them before it provisions a seed, so by the
 * time a seed exists to go offline with, the chunk is in memory.
 */
export function loadOfflineCodes(): Promise<OfflineCodes> {
  return import(/* webpackChunkName: "offline-codes" */ '@/lib/totp')
}
