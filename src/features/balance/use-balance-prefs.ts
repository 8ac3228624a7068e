import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'

import { taroStateStorage } from '@/lib/taro-storage'

interface BalancePrefs {
  /** The cardholder's own choice; undefined until they tap the eye. */
  masked?: boolean
  setMasked(masked: boolean): void
}

/** Privacy-eye choice, remembered across launches. */
export const useBalancePrefs = create<BalancePrefs>()(
  persist(
    (set) => ({
      masked: undefined,
      setMasked: (masked) => set({ masked }),
    }),
    { name: 'cardlet.balance-prefs', storage: createJSONStorage(() => taroStateStorage) },
  ),
)
