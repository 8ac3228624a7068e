export type { ErrorBannerProps } from './error-banner'
export { ErrorBanner } from './error-banner'
