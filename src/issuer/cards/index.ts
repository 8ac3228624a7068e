// What every widget reads through the issuer client besides its own resource: the
// cardholder's cards, the one chosen, and the state of the resources shown for it.
export { applyCardLock, CardLockControl, type CardLockControlProps } from './card-lock'
export { type CardScope, CardScopeContext } from './card-scope'
export { CardWidget, type CardWidgetProps } from './card-widget'
export { resourceNotice, type ResourceStatus, resourceStatus } from './resource-notice'
export { type CurrentCard, useCurrentCard } from './use-current-card'
