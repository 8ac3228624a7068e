import { code128 } from './code128'
import { drawModules, type ModuleContext } from './draw-modules'
import { qrMatrix } from './qr'

export type { Code128Bars } from './code128'
export { code128, CODE128_QUIET_ZONE } from './code128'
export type { CodeLayout, DrawableCode, ModuleContext } from './draw-modules'
export { drawModules, layoutCode, LIGHT } from './draw-modules'
export type { QrMatrix, QrOptions } from './qr'
export { QR_QUIET_ZONE, qrMatrix } from './qr'

let warmed = false

/**
 * Encodes one placeholder code (not a pay code) as a QR and a barcode, once, and draws
 * both into a context that keeps nothing. The first encode and draw of a session pay for
 * parsing and compiling the encoders and `drawModules`, which on a slow phone or watch is
 * most of the time between a code's arrival and its QR on screen; the pay-code widget
 * calls this while its first request is on the network.
 */
export function warmUpEncoders(): void {
  if (warmed) return
  warmed = true
  const placeholder = '6200000000000000000'
  const discard: ModuleContext = { fillStyle: '', fillRect: () => undefined }
  drawModules(discard, qrMatrix(placeholder, { errorCorrection: 'M' }), 145, 145)
  drawModules(discard, code128(placeholder), 240, 36)
}
