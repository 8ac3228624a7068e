import { issuerClient, type ResourceView, useResource } from '@/issuer/client'
import type { Card } from '@/issuer/contract'

import { useCardChoice } from './use-card-choice'

export interface CurrentCard {
  cards: ResourceView<{ data: Card[] }>
  /** The card the widgets speak for, once the card list is known. */
  card?: Card
  /** Makes another of the cardholder's cards the one every widget speaks for. */
  choose(cardId: string): void
}

/** The chosen card if it is still one of `cards`, else the first one. */
function effectiveCard(chosen: string | undefined, cards: Card[]): Card | undefined {
  return cards.find((card) => card.id === chosen) ?? cards[0]
}

/** The cardholder's cards and the chosen one (remembered; first card by default). */
export function useCurrentCard(): CurrentCard {
  const cards = useResource(issuerClient.resources.cards())
  const chosen = useCardChoice((state) => state.cardId)
  const choose = useCardChoice((state) => state.choose)
  return { cards, card: effectiveCard(chosen, cards.data?.data ?? []), choose }
}
