// Type only: a value import of './canvas-node' would resolve to this file on H5.
import type { CanvasNode } from '.'

export type { CanvasNode }

/**
 * H5 and harmony-hybrid: the native <canvas> CanvasElement rendered, by its ref (not
 * by id: Taro keeps earlier pages in the DOM, so an id can be on the page twice). React
 * sets the ref before effects run, so it is there when the drawing effect asks.
 */
export async function findCanvasNode(
  _id: string,
  rendered?: { readonly current: unknown },
  _scope?: unknown,
): Promise<CanvasNode | null> {
  const node = rendered?.current
  return node instanceof HTMLCanvasElement ? node : null
}
