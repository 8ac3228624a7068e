import Taro from '@tarojs/taro'
import { create, type StateCreator } from 'zustand'
import { createJSONStorage, persist, type StateStorage } from 'zustand/middleware'

/** Taro storage as a zustand `persist` backend (for small, non-secret app state). */
const taroStateStorage: StateStorage = {
  getItem: (name) => {
    try {
      const value = Taro.getStorageSync(name) as unknown
      return typeof value === 'string' && value !== '' ? value : null
    } catch {
      return null
    }
  },
  setItem: (name, value) => {
    try {
      Taro.setStorageSync(name, value)
    } catch {
      // Storage unavailable: the choice is kept for this session only.
    }
  },
  removeItem: (name) => {
    try {
      Taro.removeStorageSync(name)
    } catch {
      // Same as above.
    }
  },
}

/**
 * A zustand store for small, non-secret app state (a choice, a preference), remembered
 * across launches in Taro storage under `name`.
 */
export function createPersistedStore<T>(
  name: string,
  initializer: StateCreator<T, [['zustand/persist', unknown]], []>,
) {
  return create<T>()(
    persist(initializer, { name, storage: createJSONStorage(() => taroStateStorage) }),
  )
}

/** The store and its stored copy back to the initial state (a sign-out forgets a choice). */
export function forgetPersisted<T>(store: {
  getInitialState(): T
  setState(state: T, replace: true): void
}): void {
  store.setState(store.getInitialState(), true)
}
