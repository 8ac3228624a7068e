import { type OfflineSeed, OfflineSeedSchema } from '@contract'
import * as v from 'valibot'

import { newIdempotencyKey } from '@/lib/idempotency'
import { cacheStore, type KeyValueStore, secureStore } from '@/platform/storage'

/**
 * A card's seed as the device keeps it, with the issuer's clock skew (issuer minus device,
 * ms) measured when it was last online: a cold start with no network has no other way to
 * know it, and codes on the device's clock alone may fall outside the issuer's window.
 */
export interface StoredSeed {
  seed: OfflineSeed
  skewMs: number
  /** Wrong payment PINs in a row checked against this seed offline. */
  pinMisses?: number
}

/** Where the widget keeps a card's offline seed and this device's id. */
export interface SeedVault {
  load(cardId: string): Promise<StoredSeed | undefined>
  save(cardId: string, stored: StoredSeed): Promise<void>
  /** Deletes one card's seed (too many wrong PINs offline). */
  remove(cardId: string): Promise<void>
  /** Deletes every card's seed (sign-out: the issuer has revoked them too). */
  clear(): Promise<void>
  /** A random id for this installation, made once and kept (it names the device to the issuer). */
  deviceId(): Promise<string>
}

const SEED_KEY = 'cl.paycode.seed:'
/** The cards that have a seed stored (a key-value store cannot list its keys). */
const SEED_CARDS_KEY = 'cl.paycode.seed-cards'
const DEVICE_KEY = 'cl.device-id'

const StoredSeedSchema = v.object({
  seed: OfflineSeedSchema,
  skew_ms: v.pipe(v.number(), v.integer()),
  pin_misses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
})

/** A stored entry, or undefined; a seed kept bare (before the skew was kept) has none. */
function parseStored(raw: string): StoredSeed | undefined {
  try {
    const json = JSON.parse(raw) as unknown
    const stored = v.safeParse(StoredSeedSchema, json)
    if (stored.success) {
      const { seed, skew_ms: skewMs, pin_misses: pinMisses } = stored.output
      return { seed, skewMs, pinMisses }
    }
    const bare = v.safeParse(OfflineSeedSchema, json)
    return bare.success ? { seed: bare.output, skewMs: 0 } : undefined
  } catch {
    return undefined
  }
}

/**
 * The seed goes to `secureStore` (the strongest store each platform has: see
 * src/platform/storage*.ts) and is validated again on the way out, so a
 * tampered or outdated entry is ignored rather than drawn. The device id is not a
 * secret and lives in ordinary storage so it survives restarts.
 */
export function createSeedVault(
  secure: KeyValueStore = secureStore,
  plain: KeyValueStore = cacheStore,
): SeedVault {
  let deviceId: Promise<string> | undefined
  const seedCards = async (): Promise<string[]> => {
    try {
      const parsed = JSON.parse((await secure.get(SEED_CARDS_KEY)) ?? '[]') as unknown
      return Array.isArray(parsed)
        ? parsed.filter((id): id is string => typeof id === 'string')
        : []
    } catch {
      return []
    }
  }
  return {
    async load(cardId) {
      const raw = await secure.get(SEED_KEY + cardId).catch(() => undefined)
      return raw ? parseStored(raw) : undefined
    },
    async save(cardId, { seed, skewMs, pinMisses }) {
      await secure.set(
        SEED_KEY + cardId,
        JSON.stringify({ seed, skew_ms: Math.round(skewMs), pin_misses: pinMisses }),
      )
      const cards = await seedCards()
      if (!cards.includes(cardId))
        await secure.set(SEED_CARDS_KEY, JSON.stringify([...cards, cardId]))
    },
    async remove(cardId) {
      await secure.remove(SEED_KEY + cardId)
    },
    async clear() {
      const cards = await seedCards()
      await Promise.all(cards.map((cardId) => secure.remove(SEED_KEY + cardId)))
      await secure.remove(SEED_CARDS_KEY)
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

/** The device's seeds, one vault for every pay-code widget. */
export const deviceSeedVault: SeedVault = createSeedVault()

/** Run at sign-out (src/start): the device's seeds go (the issuer revokes them on its side). */
export function forgetOfflineSeeds(): Promise<void> {
  return deviceSeedVault.clear()
}
