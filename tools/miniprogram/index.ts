export { CanvasStandIn, type DrawCall } from './canvas'
export { type ConsoleEntry, MiniContext, type RunProblem, VirtualClock } from './context'
export { type MiniNode, type MiniRun, waitFor } from './run'
export {
  AlipayRun,
  JdRun,
  type ResolvedNode,
  type TreeComponent,
  type TreeLaunchOptions,
  TreeRun,
} from './tree-run'
export {
  type ExparserNode,
  MiniElement,
  type PageRecord,
  type SetDataStats,
  type WeappLaunchOptions,
  WeappRun,
} from './weapp'
export type { ApiCall, DeviceOptions, StoredValue } from './wx-api'
