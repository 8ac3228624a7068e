import './code-canvas.scss'

import { useEffect, useMemo, useRef, useState } from 'react'

import { type DrawableCode, drawModules, LIGHT } from '@/lib/codes'
import { CanvasElement } from '@/platform/canvas-element'
import { type CanvasNode, findCanvasNode } from '@/platform/canvas-node'
import { pixelRatio } from '@/platform/system'
import { useWidgetHost } from '@/ui/widget-host'

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
 * A QR code or barcode drawn into `<Canvas type='2d'>` on the mini-programs and a
 * native <canvas> on the web builds (src/platform/canvas-element):
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
  const rendered = useRef<unknown>(null)
  const { scope } = useWidgetHost()
  // A notification, not an input: a new callback must not trigger a redraw.
  const onStatusRef = useRef(onStatus)
  useEffect(() => {
    onStatusRef.current = onStatus
  }, [onStatus])

  useEffect(() => {
    let cancelled = false
    setStatus('pending')
    void findCanvasNode(id, rendered, scope).then((node) => {
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
  }, [id, code, deviceWidth, deviceHeight, scope])

  return (
    <CanvasElement
      // A new backing size remounts the canvas: a canvas whose size props change is
      // cleared (on some renderers after our draw), so each size gets a fresh one.
      key={`${deviceWidth}x${deviceHeight}`}
      id={id}
      className={className ? `cl-code-canvas ${className}` : 'cl-code-canvas'}
      width={width}
      height={height}
      deviceWidth={deviceWidth}
      deviceHeight={deviceHeight}
      label={label}
      status={status}
      format={code?.format ?? 'none'}
      nodeRef={rendered}
    />
  )
}

/** Sizing a canvas clears it, so this happens right before each draw. */
function sizeAndGetContext(node: CanvasNode, w: number, h: number) {
  node.width = w
  node.height = h
  return node.getContext('2d')
}
