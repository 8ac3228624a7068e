export type { ResourceNoticeProps } from './resource-notice'
export { ResourceNotice } from './resource-notice'
