import type { CanvasSizeProps } from '.'

export type { CanvasSizeProps }

/**
 * Alipay: Taro's canvas template binds `width`/`height` (default 300px × 225px) to the
 * element, so they must match the CSS size; the 2D backing store is set on the node.
 */
export function canvasSizeProps(
  css: { width: number; height: number },
  _device: { width: number; height: number },
): CanvasSizeProps {
  return { width: `${css.width}px`, height: `${css.height}px` }
}
