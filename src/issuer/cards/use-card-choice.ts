import { issuerClient } from '@/issuer/client'
import { createPersistedStore } from '@/lib/persisted-store'

interface CardChoiceState {
  /** The card every widget speaks for; remembered across launches. */
  cardId?: string
  choose(cardId: string): void
}

/** The chosen card; a sign-out forgets it, so the next account starts on its own first card. */
export const useCardChoice = createPersistedStore<CardChoiceState>(
  'cardlet.card-choice',
  (set) => ({
    cardId: undefined,
    choose: (cardId) => set({ cardId }),
  }),
  (forget) => issuerClient.session.onSignOut(forget),
)
