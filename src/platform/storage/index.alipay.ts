import Taro from '@tarojs/taro'

import type { KeyValueStore } from './port'
import { taroStore } from './taro-storage'

export type { KeyValueStore }

/**
 * Alipay: the refresh token and the offline seeds in the mini-program's own storage
 * (`my.setStorage` through Taro), so a cold start without a network still has its
 * offline pay code and a session to resume.
 *
 * What protects it: Alipay keeps each mini-program's storage apart, per Alipay user
 * and per mini-program, inside the Alipay app's sandbox; no web page, no other
 * mini-program and no other app on an unrooted phone can read it, and it is wiped when
 * the user removes the mini-program or signs out of Alipay.
 * What does not: Alipay has no encrypted storage (nothing like WeChat's
 * `encrypt: true`) and no key store a mini-program can use, so the values are plain
 * text at rest: a rooted or jailbroken device, a device backup or a debug build of the
 * host can read them. The issuer limits the damage: the seed lives 7 days and sign-out
 * (or a detected refresh-token reuse) revokes it on the issuer's side.
 */
function alipayStore(): KeyValueStore {
  return {
    async get(key) {
      try {
        const { data } = await Taro.getStorage<unknown>({ key })
        return typeof data === 'string' && data !== '' ? data : undefined
      } catch {
        return undefined
      }
    },
    async set(key, value) {
      await Taro.setStorage({ key, data: value })
    },
    async remove(key) {
      await Taro.removeStorage({ key }).catch(() => undefined)
    },
  }
}

export const secureStore: KeyValueStore = alipayStore()
export const cacheStore: KeyValueStore = taroStore
