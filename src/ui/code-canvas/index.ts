export type { CodeCanvasProps, CodeCanvasStatus } from './code-canvas'
export { CodeCanvas } from './code-canvas'
