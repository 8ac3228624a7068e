import { create } from 'zustand'
import { createJSONStorage, persist } from 'zustand/middleware'

import { issuerClient } from '@/issuer/client'
import { taroStateStorage } from '@/lib/taro-storage'

interface CardChoiceState {
  /** The card every widget speaks for; remembered across launches. */
  cardId?: string
  choose(cardId: string): void
}

export const useCardChoice = create<CardChoiceState>()(
  persist(
    (set) => ({
      cardId: undefined,
      choose: (cardId) => set({ cardId }),
    }),
    { name: 'cardlet.card-choice', storage: createJSONStorage(() => taroStateStorage) },
  ),
)

/** The chosen card if it is still one of `cardIds`, else the first one. */
export function effectiveCardId(chosen: string | undefined, cardIds: string[]): string | undefined {
  return chosen && cardIds.includes(chosen) ? chosen : cardIds[0]
}

// A sign-out forgets the choice: the next account starts on its own first card.
issuerClient.session.onSignOut(() => {
  useCardChoice.setState({ cardId: undefined })
})
