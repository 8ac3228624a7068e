import Taro from '@tarojs/taro'

import { callNative, hasNativeBridge } from '../harmony-bridge'
import { type KeyValueStore, memoryStore } from './port'

export type { KeyValueStore }

/**
 * The container's storage through the bridge (`Taro.getStorage` / `setStorage` /
 * `removeStorage`, which the hybrid plugin sends to native code). What protects it: the
 * container keeps it in its application sandbox, which no other app can read, and
 * HarmonyOS encrypts app data at rest (file-based encryption; at the default el2 level
 * it cannot be read before the user first unlocks the device). Unlike localStorage it is
 * not page storage, so no script of another origin in the webview reaches it. It
 * survives a restart, so the refresh token and the offline seed persist.
 */
function nativeStore(): KeyValueStore {
  return {
    async get(key) {
      try {
        const { data } = await callNative<{ data?: unknown }>('getStorage', (cb) =>
          Taro.getStorage({ key, ...cb } as Taro.getStorage.Option<unknown>),
        )
        return typeof data === 'string' && data !== '' ? data : undefined
      } catch {
        // A missing key is a `fail` too.
        return undefined
      }
    },
    async set(key, value) {
      await callNative('setStorage', (cb) => Taro.setStorage({ key, data: value, ...cb }))
    },
    async remove(key) {
      await callNative('removeStorage', (cb) => Taro.removeStorage({ key, ...cb })).catch(
        () => undefined,
      )
    },
  }
}

/**
 * Outside a container, the last-known data (no tokens, no card numbers) goes to the
 * page's localStorage: without the bridge the plugin's own storage is memory only.
 */
function webCacheStore(): KeyValueStore {
  const storage = (): Storage | undefined => {
    try {
      return typeof localStorage === 'undefined' ? undefined : localStorage
    } catch {
      return undefined
    }
  }
  return {
    get: async (key) => storage()?.getItem(key) ?? undefined,
    async set(key, value) {
      try {
        storage()?.setItem(key, value)
      } catch {
        // Quota or privacy mode: the cache is an optimisation, never a requirement.
      }
    },
    remove: async (key) => storage()?.removeItem(key),
  }
}

const bridged = hasNativeBridge()

// Outside a container: secrets in memory only, as on H5 (a new session at next launch).
export const secureStore: KeyValueStore = bridged ? nativeStore() : memoryStore()
export const cacheStore: KeyValueStore = bridged ? nativeStore() : webCacheStore()
