export type { CardSummary, CardSwitcherProps } from './card-switcher'
export { CardSwitcher } from './card-switcher'
