import * as v from 'valibot'

import { type OfflineSeed, OfflineSeedSchema } from '@/issuer/contract'
import { newIdempotencyKey } from '@/lib/idempotency'
import { cacheStore, type KeyValueStore, secureStore } from '@/platform/storage'

/** Where the widget keeps a card's offline seed and this device's id. */
export interface SeedVault {
  load(cardId: string): Promise<OfflineSeed | undefined>
  save(cardId: string, seed: OfflineSeed): Promise<void>
  /** Deletes every card's seed (sign-out: the issuer has revoked them too). */
  clear(): Promise<void>
  /** A random id for this installation, made once and kept (it names the device to the issuer). */
  deviceId(): Promise<string>
}

const SEED_KEY = 'cl.paycode.seed:'
/** The cards that have a seed stored (a key-value store cannot list its keys). */
const SEED_CARDS_KEY = 'cl.paycode.seed-cards'
const DEVICE_KEY = 'cl.device-id'

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
      const cards = await seedCards()
      if (!cards.includes(cardId))
        await secure.set(SEED_CARDS_KEY, JSON.stringify([...cards, cardId]))
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
