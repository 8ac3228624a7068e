export type { CardHeaderProps, CardHeaderSwitcher } from './card-header'
export { CardHeader } from './card-header'
