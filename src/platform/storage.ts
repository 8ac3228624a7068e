import { taroStore } from './taro-storage'

/** A small async key-value store. */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>
  set(key: string, value: string): Promise<void>
  remove(key: string): Promise<void>
}

function memoryStore(): KeyValueStore {
  const values = new Map<string, string>()
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => void values.delete(key),
  }
}

/**
 * The fallback for a platform without a storage file of its own (storage.weapp.ts,
 * storage.h5.ts, storage.alipay.ts): tokens and seeds live in memory only, and a
 * silent login gets a new session at next launch.
 */
export const secureStore: KeyValueStore = memoryStore()

/** Last-known balance and statement (no tokens, no card numbers): Taro storage. */
export const cacheStore: KeyValueStore = taroStore
