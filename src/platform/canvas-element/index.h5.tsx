import type { CanvasElementProps } from '.'

export type { CanvasElementProps }

/**
 * H5 and harmony-hybrid: a native <canvas>, handed to the drawing code by ref in the
 * same commit that renders it. Taro's `<Canvas>` is a web component whose inner canvas
 * is found by a selector query once the component has rendered; it and that query cost
 * the pay-code page bytes it does not need (`npm run bench:sizes`, H5 pages).
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
