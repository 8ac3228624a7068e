export type { StaleBadgeProps } from './stale-badge'
export { StaleBadge } from './stale-badge'
