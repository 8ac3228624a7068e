/** Canvas `width`/`height` props for one target, from the CSS and device-pixel sizes. */
export interface CanvasSizeProps {
  width?: string
  height?: string
}

/**
 * H5 and harmony-hybrid (a web build: the same `taro-canvas-core`), and the shared
 * fallback (WeChat's canvas template ignores these props):
 * `taro-canvas-core` sets its inner <canvas> backing store to `width`/`height` on every
 * render, so they must be the device-pixel size or a re-render would blur and clear it.
 */
export function canvasSizeProps(
  _css: { width: number; height: number },
  device: { width: number; height: number },
): CanvasSizeProps {
  return { width: String(device.width), height: String(device.height) }
}
