import { type KeyValueStore, memoryStore } from './port'
import { taroStore } from './taro-storage'

export type { KeyValueStore }

/**
 * The fallback for a platform without a storage file of its own (every target has one:
 * storage.{weapp,alipay,jd,h5,harmony-hybrid}.ts): tokens and seeds live in memory only,
 * and a silent login gets a new session at next launch.
 */
export const secureStore: KeyValueStore = memoryStore()

/** Last-known balance and statement (no tokens, no card numbers): Taro storage. */
export const cacheStore: KeyValueStore = taroStore
