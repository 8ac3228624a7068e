import Taro from '@tarojs/taro'

import type { KeyValueStore } from './port'

/**
 * The host's ordinary storage through Taro (localStorage on H5, `my.setStorageSync` on
 * Alipay): plain text, persistent. Failures are swallowed: what is kept here is either
 * a cache or (H5) ciphertext whose loss only costs a new sign-in.
 */
export const taroStore: KeyValueStore = {
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
