import type { CanvasElementProps } from './canvas-element'

export type { CanvasElementProps }

/**
 * H5 and harmony-hybrid: a native <canvas>, handed to the drawing code by ref in the
 * same commit that renders it. Taro's `<Canvas>` is a web component (Stencil, ~9 KiB
 * gzip with its selector-query path) whose inner canvas exists only after the
 * component has rendered and is found by querying for it, frames after the code came.
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
  nodeRef,
}: CanvasElementProps) {
  return (
    <canvas
      ref={(element) => {
        nodeRef.current = element
      }}
      id={id}
      className={className}
      style={{ width: `${width}px`, height: `${height}px` }}
      width={deviceWidth}
      height={deviceHeight}
      role='img'
      aria-label={label}
      data-status={status}
      data-format={format}
    />
  )
}
