import Taro from '@tarojs/taro'

import type { KeyValueStore } from './storage'

export type { KeyValueStore }

/**
 * JD: `jd.setStorage` is private to the mini-program but plain (no encrypted variant
 * like WeChat's `encrypt: true`), so as on Alipay the refresh token and the offline seed
 * stay in memory: a silent `jd.login` starts a new session at the next launch, and the
 * offline code needs one online visit after a restart.
 */
function memoryStore(): KeyValueStore {
  const values = new Map<string, string>()
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    remove: async (key) => void values.delete(key),
  }
}

/** Last-known balance and statement (no tokens, no card numbers): `jd.*Storage`. */
function jdStorage(): KeyValueStore {
  return {
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
        // Storage full (JD allows 10 MB): the cache is an optimisation, never a requirement.
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
}

export const secureStore: KeyValueStore = memoryStore()
export const cacheStore: KeyValueStore = jdStorage()
