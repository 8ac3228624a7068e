import { type KeyValueStore, memoryStore } from './port'
import { taroStore } from './taro-storage'

export type { KeyValueStore }

/**
 * JD: `jd.setStorage` is private to the mini-program but plain (no encrypted variant
 * like WeChat's `encrypt: true`), so the refresh token and the offline seed
 * stay in memory: a silent `jd.login` starts a new session at the next launch, and the
 * offline code needs one online visit after a restart.
 */
export const secureStore: KeyValueStore = memoryStore()
/** Last-known balance and statement (no tokens, no card numbers): `jd.*StorageSync`. */
export const cacheStore: KeyValueStore = taroStore
