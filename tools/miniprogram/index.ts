export { CanvasStandIn, type DrawCall } from './canvas'
export { type ConsoleEntry, MiniContext, type RunProblem, VirtualClock } from './context'
export { MiniElement, type SetDataStats, type WeappLaunchOptions, WeappRun } from './weapp'
export type { ApiCall, DeviceOptions, StoredValue } from './wx-api'
