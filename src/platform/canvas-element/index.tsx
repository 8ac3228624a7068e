import { Canvas } from '@tarojs/components'

import { canvasSizeProps } from '../canvas-size'

/** A 2D canvas for a QR code or barcode, with what QA and assistive tech read on it. */
export interface CanvasElementProps {
  id: string
  className: string
  /** Size in CSS px. */
  width: number
  height: number
  /** Backing-store size in device px. */
  deviceWidth: number
  deviceHeight: number
  /** Accessible name; the code itself is never exposed as text. */
  label: string
  /** `data-status` and `data-format` (docs/qa.md). */
  status: string
  format: string
  /** Set to the drawable node where the platform hands it over at render (web builds). */
  nodeRef: { current: unknown }
}

/**
 * Mini-programs: `<Canvas type='2d'>`, whose node the platform hands over only through
 * a selector query once the page's setData has landed (./canvas-node.ts); `nodeRef`
 * stays unset. The web builds render a native <canvas> instead (canvas-element/index.h5.tsx).
 */
export function CanvasElement({
  id,
  className,
  width,
  height,
  deviceWidth,
  deviceHeight,
  label,
  status,
  format,
}: CanvasElementProps) {
  return (
    <Canvas
      id={id}
      type='2d'
      className={className}
      style={{ width: `${width}px`, height: `${height}px` }}
      {...canvasSizeProps({ width, height }, { width: deviceWidth, height: deviceHeight })}
      // `role` is not in Taro's CanvasProps; spread so the template still gets it.
      {...{ role: 'img', 'aria-label': label }}
      data-status={status}
      data-format={format}
    />
  )
}
