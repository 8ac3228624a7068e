export { opensPageOnTap, type WidgetPage } from './service-tap'
export type { WidgetCardProps } from './widget-card'
export { WidgetCard } from './widget-card'
