import { issuerClient } from '@/issuer/client'
import { createPersistedStore } from '@/lib/persisted-store'

interface BalancePrefs {
  /** The cardholder's own choice; undefined until they tap the eye. */
  masked?: boolean
  setMasked(masked: boolean): void
}

/** Privacy-eye choice; a sign-out forgets it, so the next account starts from the default eye. */
export const useBalancePrefs = createPersistedStore<BalancePrefs>(
  'cardlet.balance-prefs',
  (set) => ({
    masked: undefined,
    setMasked: (masked) => set({ masked }),
  }),
  (forget) => issuerClient.session.onSignOut(forget),
)
