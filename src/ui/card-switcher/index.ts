export type { CardSummary, CardSwitcherProps } from './card-switcher'
export { CardSwitcher } from './card-switcher'
export { effectiveCardId, useCardChoice } from './use-card-choice'
export { type CurrentCard, useCurrentCard } from './use-current-card'
