import * as v from 'valibot'

import { type OfflineSeed, OfflineSeedSchema } from '@/issuer/contract'
import { newIdempotencyKey } from '@/lib/idempotency'
import { cacheStore, type KeyValueStore, secureStore } from '@/platform/storage'

/** Where the widget keeps a card's offline seed and this device's id. */
export interface SeedVault {
  load(cardId: string): Promise<OfflineSeed | undefined>
  save(cardId: string, seed: OfflineSeed): Promise<void>
  /** A random id for this installation, made once and kept (it names the device to the issuer). */
  deviceId(): Promise<string>
}

const SEED_KEY = 'cl.paycode.seed:'
const DEVICE_KEY = 'cl.device-id'

/**
 * The seed goes to `secureStore` (WeChat: encrypted at rest; harmony-hybrid in a
 * container: its app-private storage; H5, Alipay, JD: memory only, as none offers
 * protected storage) and is validated again on the way out, so a
 * tampered or outdated entry is ignored rather than drawn. The device id is not a
 * secret and lives in ordinary storage so it survives restarts.
 */
export function createSeedVault(
  secure: KeyValueStore = secureStore,
  plain: KeyValueStore = cacheStore,
): SeedVault {
  let deviceId: Promise<string> | undefined
  return {
    async load(cardId) {
      const raw = await secure.get(SEED_KEY + cardId).catch(() => undefined)
      if (!raw) return undefined
      try {
        const parsed = v.safeParse(OfflineSeedSchema, JSON.parse(raw))
        return parsed.success ? parsed.output : undefined
      } catch {
        return undefined
      }
    },
    async save(cardId, seed) {
      await secure.set(SEED_KEY + cardId, JSON.stringify(seed))
    },
    deviceId() {
      deviceId ??= (async () => {
        const known = await plain.get(DEVICE_KEY).catch(() => undefined)
        if (known && /^[0-9a-f]{32}$/.test(known)) return known
        const made = newIdempotencyKey()
        await plain.set(DEVICE_KEY, made)
        return made
      })()
      return deviceId
    },
  }
}
