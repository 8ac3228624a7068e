import { code128 } from './code128'
import { qrMatrix } from './qr'

export type { Code128Bars } from './code128'
export { code128, CODE128_QUIET_ZONE } from './code128'
export type { CodeLayout, DrawableCode, ModuleContext } from './draw-modules'
export { drawModules, layoutCode, LIGHT } from './draw-modules'
export type { QrMatrix, QrOptions } from './qr'
export { QR_QUIET_ZONE, qrMatrix } from './qr'

let warmed = false

/**
 * Encodes one placeholder code (not a pay code) as a QR and a barcode, once. The first
 * encode of a session pays for parsing and compiling the encoders, which on a slow
 * phone or watch is most of the time between a code's arrival and its QR on screen;
 * the pay-code widget calls this while its first request is on the network.
 */
export function warmUpEncoders(): void {
  if (warmed) return
  warmed = true
  const placeholder = '6200000000000000000'
  qrMatrix(placeholder, { errorCorrection: 'M' })
  code128(placeholder)
}
