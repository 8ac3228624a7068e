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
 * across launches in Taro storage under `name`. `forgetOn` receives the store's reset:
 * each time it is called (a sign-out), the store and its stored copy return to the
 * initial state.
 */
export function createPersistedStore<T>(
  name: string,
  initializer: StateCreator<T, [['zustand/persist', unknown]], []>,
  forgetOn?: (forget: () => void) => void,
) {
  const store = create<T>()(
    persist(initializer, { name, storage: createJSONStorage(() => taroStateStorage) }),
  )
  forgetOn?.(() => store.setState(store.getInitialState(), true))
  return store
}
