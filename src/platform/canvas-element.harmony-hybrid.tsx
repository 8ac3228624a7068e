// A web build: the native <canvas> of H5.
export type { CanvasElementProps } from './canvas-element'
export { CanvasElement } from './canvas-element.h5'
