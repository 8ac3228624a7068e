// A web build: the native <canvas> of H5.
export type { CanvasNode } from './canvas-node'
export { findCanvasNode } from './canvas-node.h5'
