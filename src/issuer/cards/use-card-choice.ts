import { createPersistedStore, forgetPersisted } from '@/lib/persisted-store'

interface CardChoiceState {
  /** The card every widget speaks for; remembered across launches. */
  cardId?: string
  choose(cardId: string): void
}

/** The chosen card, remembered across launches. */
export const useCardChoice = createPersistedStore<CardChoiceState>(
  'cardlet.card-choice',
  (set) => ({
    cardId: undefined,
    choose: (cardId) => set({ cardId }),
  }),
)

/** Run at sign-out (src/start): the next account starts on its own first card. */
export function forgetCardChoice(): void {
  forgetPersisted(useCardChoice)
}
