import { createPersistedStore, forgetPersisted } from '@/lib/persisted-store'

interface BalancePrefs {
  /** The cardholder's own choice; undefined until they tap the eye. */
  masked?: boolean
  setMasked(masked: boolean): void
}

/** Privacy-eye choice, remembered across launches. */
export const useBalancePrefs = createPersistedStore<BalancePrefs>(
  'cardlet.balance-prefs',
  (set) => ({
    masked: undefined,
    setMasked: (masked) => set({ masked }),
  }),
)

/** Run at sign-out (src/start): the next account starts from the default eye. */
export function forgetBalancePrefs(): void {
  forgetPersisted(useBalancePrefs)
}
