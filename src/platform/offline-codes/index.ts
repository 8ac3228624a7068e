import * as totp from '@/lib/totp'

/** What computing offline pay codes takes: the code for an instant, a seed's check, a PIN's. */
export type OfflineCodes = Pick<typeof totp, 'offlinePayCode' | 'isSeedUsable' | 'checkPin'>

/**
 * The offline-code functions. Mini-programs bundle them with the page: a package is
 * downloaded whole, and a lazily loaded chunk would have no network to come from once
 * the device is offline (the web builds differ: offline-codes/index.h5.ts).
 */
export function loadOfflineCodes(): Promise<OfflineCodes> {
  return Promise.resolve(totp)
}
