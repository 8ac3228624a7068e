export type { WidgetCardProps } from './widget-card'
export { WidgetCard } from './widget-card'
