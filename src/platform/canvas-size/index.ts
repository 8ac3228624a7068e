/** Canvas `width`/`height` props for one target, from the CSS and device-pixel sizes. */
export interface CanvasSizeProps {
  width?: string
  height?: string
}

/**
 * WeChat and JD, whose canvas templates ignore these props (the backing store is set on
 * the node), and the fallback: the device-pixel size, so a renderer that does apply them
 * to the backing store neither blurs nor clears the drawing (Alipay: canvas-size/index.alipay.ts;
 * the web builds render a native <canvas>, src/platform/canvas-element/index.h5.tsx).
 */
export function canvasSizeProps(
  _css: { width: number; height: number },
  device: { width: number; height: number },
): CanvasSizeProps {
  return { width: String(device.width), height: String(device.height) }
}
