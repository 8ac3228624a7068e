import './code-canvas.scss'

import { Canvas } from '@tarojs/components'
import { useEffect, useMemo, useRef, useState } from 'react'

import { type DrawableCode, drawModules, LIGHT } from '@/lib/codes'
import { type CanvasNode, findCanvasNode } from '@/platform/canvas-node'
import { canvasSizeProps } from '@/platform/canvas-size'
import { pixelRatio } from '@/platform/system'

/** What `data-status` on the canvas says, for tests and the widget. */
export type CodeCanvasStatus = 'pending' | 'drawn' | 'too-small' | 'unavailable'

export interface CodeCanvasProps {
  /** Stable id on the canvas (`paycode-qr`, `paycode-barcode`); also how the node is found. */
  id: string
  /** The symbol to draw (memoise it: a new object redraws); null leaves the canvas blank. */
  code: DrawableCode | null
  /** Size in CSS px; the backing store is this times the device pixel ratio. */
  width: number
  height: number
  /** Accessible name ("Payment QR code"); the code itself is never exposed as text. */
  label: string
  className?: string
  /** Called after each draw attempt with its outcome. */
  onStatus?: (status: CodeCanvasStatus) => void
}

/**
 * A QR code or barcode drawn into `<Canvas type='2d'>` on WeChat, Alipay and H5:
 * whole device pixels per module, quiet zone kept, black on white in every theme.
 */
export function CodeCanvas({
  id,
  code,
  width,
  height,
  label,
  className,
  onStatus,
}: CodeCanvasProps) {
  const ratio = useMemo(pixelRatio, [])
  const deviceWidth = Math.round(width * ratio)
  const deviceHeight = Math.round(height * ratio)
  const [status, setStatus] = useState<CodeCanvasStatus>('pending')
  // A notification, not an input: a new callback must not trigger a redraw.
  const onStatusRef = useRef(onStatus)
  useEffect(() => {
    onStatusRef.current = onStatus
  }, [onStatus])

  useEffect(() => {
    let cancelled = false
    setStatus('pending')
    void findCanvasNode(id).then((node) => {
      if (cancelled) return
      let next: CodeCanvasStatus = 'unavailable'
      const ctx = node ? sizeAndGetContext(node, deviceWidth, deviceHeight) : null
      if (ctx && code) {
        next = drawModules(ctx, code, deviceWidth, deviceHeight).fits ? 'drawn' : 'too-small'
      } else if (ctx) {
        ctx.fillStyle = LIGHT
        ctx.fillRect(0, 0, deviceWidth, deviceHeight)
        next = 'drawn'
      }
      setStatus(next)
      onStatusRef.current?.(next)
    })
    return () => {
      cancelled = true
    }
  }, [id, code, deviceWidth, deviceHeight])

  return (
    <Canvas
      // A new backing size remounts the canvas: on H5 `taro-canvas-core` resets (and
      // clears) its <canvas> whenever its width/height props change, after our draw.
      key={`${deviceWidth}x${deviceHeight}`}
      id={id}
      type='2d'
      className={className ? `cl-code-canvas ${className}` : 'cl-code-canvas'}
      style={{ width: `${width}px`, height: `${height}px` }}
      {...canvasSizeProps({ width, height }, { width: deviceWidth, height: deviceHeight })}
      // `role` is not in Taro's CanvasProps; spread so H5 still gets it as an attribute.
      {...{ role: 'img', 'aria-label': label }}
      data-status={status}
      data-format={code?.format ?? 'none'}
    />
  )
}

/** Sizing a canvas clears it, so this happens right before each draw. */
function sizeAndGetContext(node: CanvasNode, w: number, h: number) {
  node.width = w
  node.height = h
  return node.getContext('2d')
}
