import Taro from '@tarojs/taro'
import type { StateStorage } from 'zustand/middleware'

/** Taro storage as a zustand `persist` backend (for small, non-secret app state). */
export const taroStateStorage: StateStorage = {
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
