import Taro from '@tarojs/taro'

import type { KeyValueStore } from './port'

export type { KeyValueStore }

/**
 * WeChat storage with `encrypt: true` (base library >= 2.21.3): the platform encrypts
 * the value at rest with a key bound to the user and mini-program.
 */
function encryptedStore(): KeyValueStore {
  return {
    async get(key) {
      try {
        const { data } = await Taro.getStorage({
          key,
          encrypt: true,
        } as Taro.getStorage.Option<string>)
        return typeof data === 'string' ? data : undefined
      } catch {
        return undefined
      }
    },
    async set(key, value) {
      await Taro.setStorage({ key, data: value, encrypt: true } as Taro.setStorage.Option)
    },
    async remove(key) {
      await Taro.removeStorage({ key }).catch(() => undefined)
    },
  }
}

export const secureStore: KeyValueStore = encryptedStore()
export const cacheStore: KeyValueStore = encryptedStore()
