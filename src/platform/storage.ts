import Taro from '@tarojs/taro'

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
 * H5 and Alipay (the shared fallback): tokens live in memory only. Neither platform
 * offers protected storage (localStorage is readable by any script on the origin and
 * Alipay's storage is plain), and a silent login gets a new session at next launch.
 */
export const secureStore: KeyValueStore = memoryStore()

/** Last-known balance and statement (no tokens, no card numbers): Taro storage. */
export const cacheStore: KeyValueStore = {
  async get(key) {
    try {
      const value = Taro.getStorageSync(key) as unknown
      return typeof value === 'string' && value !== '' ? value : undefined
    } catch {
      return undefined
    }
  },
  async set(key, value) {
    try {
      Taro.setStorageSync(key, value)
    } catch {
      // Storage full or unavailable: the cache is an optimisation, never a requirement.
    }
  },
  async remove(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // Same as above.
    }
  },
}
