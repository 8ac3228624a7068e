export {
  type CanvasCapture,
  capturePage,
  type HarnessRun,
  type PageCapture,
  settle,
  widgetsSettled,
} from './capture'
export {
  RENDER_CLOCK_START,
  type RendererOptions,
  type RenderOptions,
  type RenderResult,
  renderWeappPage,
  WeappRenderer,
} from './renderer'
export { type RenderTarget, translateScript, translateTemplate } from './translate'
export {
  harnessTree,
  type RenderedNode,
  resolvedHarnessTree,
  structureOf,
  type TreeNode,
} from './tree'
