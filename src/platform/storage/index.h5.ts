import { createStore, get, update } from 'idb-keyval'

import { type KeyValueStore, memoryStore } from './port'
import { taroStore } from './taro-storage'

export type { KeyValueStore }

const KEY_DB = 'cardlet-keys'
const KEY_STORE = 'keys'
const KEY_NAME = 'secure-store.aes-gcm'
const SEALED_PREFIX = 'cl.sealed.'

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/**
 * H5: the refresh token and the offline seeds sealed with AES-256-GCM under a
 * non-extractable WebCrypto key that lives in IndexedDB (a CryptoKey is stored as
 * itself, never as bytes); the sealed values sit in ordinary storage (localStorage via
 * Taro), so clearing the app's storage clears them as on the mini-programs. Each value
 * is bound to its key name (GCM additional data): a sealed value moved under another
 * name does not open.
 *
 * What protects it: no script can read the key's bytes (`extractable: false`), so a
 * copy of localStorage or of the IndexedDB files (a backup, a synced profile, another
 * program reading the disk) is ciphertext without its key; both stores belong to this
 * origin alone.
 * What does not: a script running on this origin (XSS, a hostile extension) can still
 * ask WebCrypto to decrypt with the key while it runs. That is what the issuer-side
 * limits are for: a 7-day seed, revoked on sign-out or on a detected refresh reuse.
 *
 * Without IndexedDB or WebCrypto (an insecure http origin, some private modes) the
 * values stay in memory, as before.
 */
function sealedStore(): KeyValueStore {
  let keyPromise: Promise<CryptoKey> | undefined
  const key = () => {
    keyPromise ??= (async () => {
      const db = createStore(KEY_DB, KEY_STORE)
      const made = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
        'encrypt',
        'decrypt',
      ])
      // The first key written wins (another tab may be here at the same moment).
      await update<CryptoKey>(KEY_NAME, (existing) => existing ?? made, db)
      const kept = await get<CryptoKey>(KEY_NAME, db)
      if (!kept) throw new Error('the key was not kept')
      return kept
    })()
    keyPromise.catch(() => (keyPromise = undefined))
    return keyPromise
  }
  const additionalData = (name: string) => new TextEncoder().encode(`cardlet:${name}`)
  // Where IndexedDB turns out unusable at run time (it can fail to open), values fall
  // back to memory for this launch rather than failing the sign-in that stores them.
  const unsealed = memoryStore()
  return {
    async get(name) {
      const kept = await unsealed.get(name)
      if (kept !== undefined) return kept
      const sealed = await taroStore.get(SEALED_PREFIX + name)
      if (!sealed) return undefined
      try {
        const bytes = fromBase64(sealed)
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: additionalData(name) },
          await key(),
          bytes.subarray(12),
        )
        return new TextDecoder().decode(plain)
      } catch {
        // Another key (storage restored elsewhere) or tampered with: as if absent.
        return undefined
      }
    },
    async set(name, value) {
      try {
        const iv = crypto.getRandomValues(new Uint8Array(12))
        const sealed = await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: additionalData(name) },
          await key(),
          new TextEncoder().encode(value),
        )
        const bytes = new Uint8Array(12 + sealed.byteLength)
        bytes.set(iv)
        bytes.set(new Uint8Array(sealed), 12)
        await taroStore.set(SEALED_PREFIX + name, toBase64(bytes))
        await unsealed.remove(name)
      } catch {
        await taroStore.remove(SEALED_PREFIX + name)
        await unsealed.set(name, value)
      }
    },
    async remove(name) {
      await unsealed.remove(name)
      await taroStore.remove(SEALED_PREFIX + name)
    },
  }
}

const supported =
  typeof indexedDB !== 'undefined' &&
  typeof crypto !== 'undefined' &&
  typeof crypto.subtle?.generateKey === 'function'

export const secureStore: KeyValueStore = supported ? sealedStore() : memoryStore()
export const cacheStore: KeyValueStore = taroStore
