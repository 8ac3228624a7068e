export {
  type CanvasCapture,
  capturePage,
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
export { harnessTree, type RenderedNode, type TreeNode } from './tree'
