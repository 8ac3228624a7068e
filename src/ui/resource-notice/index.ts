export type { ResourceNoticeProps, ResourceStatus } from './resource-notice'
export { ResourceNotice, resourceStatus } from './resource-notice'
