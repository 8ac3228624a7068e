import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'

import { issuerClient } from '@/issuer/client'
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

// A sign-out forgets the choice: the next account starts from the default eye.
issuerClient.session.onSignOut(() => {
  useBalancePrefs.setState({ masked: undefined })
})
