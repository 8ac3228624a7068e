// A web build: the native <canvas> of H5.
export type { CanvasNode } from '.'
export { findCanvasNode } from './index.h5'
