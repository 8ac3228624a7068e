import { issuerClient, type ResourceView, useResource } from '@/issuer/client'
import type { Card } from '@/issuer/contract'

import { effectiveCardId, useCardChoice } from './use-card-choice'

export interface CurrentCard {
  cards: ResourceView<{ data: Card[] }>
  /** The card the widgets speak for, once the card list is known. */
  card?: Card
}

/** The cardholder's cards and the chosen one (remembered; first card by default). */
export function useCurrentCard(): CurrentCard {
  const cards = useResource(issuerClient.resources.cards())
  const chosen = useCardChoice((state) => state.cardId)
  const list = cards.data?.data ?? []
  const id = effectiveCardId(
    chosen,
    list.map((c) => c.id),
  )
  return { cards, card: list.find((c) => c.id === id) }
}
