import type { Card } from '@contract'
import { useContext } from 'react'

import { issuerClient, type ResourceView, useResource } from '@/issuer/client'

import { CardScopeContext } from './card-scope'
import { useCardChoice } from './use-card-choice'

export interface CurrentCard {
  cards: ResourceView<{ data: Card[] }>
  /** The card the widgets speak for, once the card list is known. */
  card?: Card
  /**
   * The card the widget was given (an embedded widget's `cardId`) is not one of the
   * cardholder's cards: the widget shows "card not found", never another card.
   */
  missing: boolean
  /** Makes another of the cardholder's cards the one the widget speaks for. */
  choose(cardId: string): void
}

/** The chosen card if it is still one of `cards`, else the first one. */
function effectiveCard(chosen: string | undefined, cards: Card[]): Card | undefined {
  return cards.find((card) => card.id === chosen) ?? cards[0]
}

/**
 * The cardholder's cards and the one this widget speaks for: the card its scope pins
 * (an embedded widget's own), else the remembered choice, else the first card.
 */
export function useCurrentCard(): CurrentCard {
  const cards = useResource(issuerClient.resources.cards())
  const scope = useContext(CardScopeContext)
  const chosen = useCardChoice((state) => state.cardId)
  const remember = useCardChoice((state) => state.choose)
  const list = cards.data?.data
  if (scope) {
    const card = list?.find((each) => each.id === scope.cardId)
    return { cards, card, missing: list !== undefined && !card, choose: scope.choose }
  }
  return { cards, card: effectiveCard(chosen, list ?? []), missing: false, choose: remember }
}
