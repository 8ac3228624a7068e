import { createContext } from 'react'

/**
 * A widget's own card, apart from the cardholder's remembered choice: an embedded widget
 * given a `cardId` by its host shows that card, and a switch inside it changes that
 * widget alone and is never remembered.
 */
export interface CardScope {
  cardId: string
  choose(cardId: string): void
}

/** Absent (Cardlet's own pages): every widget shows the remembered card. */
export const CardScopeContext = createContext<CardScope | undefined>(undefined)
