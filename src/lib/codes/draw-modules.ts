import type { Code128Bars } from './code128'
import type { QrMatrix } from './qr'

/** A symbol `drawModules` can draw. */
export type DrawableCode = QrMatrix | Code128Bars

/**
 * The part of a 2D context `drawModules` uses: satisfied by the browser's
 * CanvasRenderingContext2D, the WeChat/Alipay canvas 2D context and a test raster.
 */
export interface ModuleContext {
  fillStyle: unknown
  fillRect(x: number, y: number, width: number, height: number): void
}

/** Where the symbol lands, in device pixels; the quiet zone is inside `width`/`height`. */
export interface CodeLayout {
  /** Device pixels per module, a whole number so every edge is crisp. */
  moduleSize: number
  x: number
  y: number
  width: number
  height: number
  /** False when the canvas is narrower than one device pixel per module (unscannable). */
  fits: boolean
}

/** Dark and light are fixed: scanners expect dark on light whatever the app's theme. */
export const DARK = '#000000'
export const LIGHT = '#ffffff'

/**
 * The largest whole-pixel module size that fits the symbol and its quiet zone into a
 * `widthPx` × `heightPx` canvas, centred. A QR gets square modules; a barcode's bars
 * take the full height.
 */
export function layoutCode(code: DrawableCode, widthPx: number, heightPx: number): CodeLayout {
  const across = symbolModules(code) + 2 * code.quietZone
  const room = code.format === 'qr' ? Math.min(widthPx, heightPx) : widthPx
  const fits = room >= across
  const moduleSize = Math.max(1, Math.floor(room / across))
  const width = across * moduleSize
  const height = code.format === 'qr' ? width : heightPx
  return {
    moduleSize,
    x: Math.floor((widthPx - width) / 2),
    y: Math.floor((heightPx - height) / 2),
    width,
    height,
    fits,
  }
}

/**
 * Paints the whole canvas light, then the dark modules, on whole device pixels
 * (horizontal runs merged into one rectangle each). Pure apart from `ctx`, so it can be
 * timed and tested on a raster.
 */
export function drawModules(
  ctx: ModuleContext,
  code: DrawableCode,
  widthPx: number,
  heightPx: number,
): CodeLayout {
  const layout = layoutCode(code, widthPx, heightPx)
  const { moduleSize: m } = layout
  const left = layout.x + code.quietZone * m
  ctx.fillStyle = LIGHT
  ctx.fillRect(0, 0, widthPx, heightPx)
  ctx.fillStyle = DARK
  if (code.format === 'qr') {
    const top = layout.y + code.quietZone * m
    for (let row = 0; row < code.size; row++) {
      forEachRun(
        code.size,
        (col) => code.modules[row * code.size + col] === true,
        (start, n) => ctx.fillRect(left + start * m, top + row * m, n * m, m),
      )
    }
  } else {
    forEachRun(
      code.modules.length,
      (i) => code.modules[i] === '1',
      (start, n) => ctx.fillRect(left + start * m, layout.y, n * m, layout.height),
    )
  }
  return layout
}

function symbolModules(code: DrawableCode): number {
  return code.format === 'qr' ? code.size : code.modules.length
}

function forEachRun(
  length: number,
  dark: (index: number) => boolean,
  fill: (start: number, count: number) => void,
): void {
  let start = -1
  for (let i = 0; i <= length; i++) {
    const isDark = i < length && dark(i)
    if (isDark && start < 0) start = i
    else if (!isDark && start >= 0) {
      fill(start, i - start)
      start = -1
    }
  }
}
