// A web build: the native <canvas> of H5.
export type { CanvasElementProps } from '.'
export { CanvasElement } from './index.h5'
