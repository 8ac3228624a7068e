// QR encoding through `uqr`'s `encode` only (a port of Nayuki's reference encoder): no
// renderer, no Node or canvas dependency and no `TextEncoder` (some mini-program engines
// lack it), so it bundles into WeChat/Alipay packages and H5 alike. It is about half the
// minified size of `qrcode`'s core, which this replaced.
import { encode } from 'uqr'

/** Light modules required around a QR symbol on every side (ISO/IEC 18004 §6.3.8). */
export const QR_QUIET_ZONE = 4

/** A QR symbol: `size` × `size` modules, row-major, `true` = dark. Quiet zone not included. */
export interface QrMatrix {
  format: 'qr'
  size: number
  modules: boolean[]
  /** Light modules to keep on each side when drawing. */
  quietZone: number
}

export interface QrOptions {
  errorCorrection: 'L' | 'M' | 'Q' | 'H'
}

/**
 * Encodes `text` as the smallest QR symbol at the given error correction. uqr picks the
 * mode: digits-only text is numeric (a 19-digit pay code fits version 1 at M), anything
 * else one UTF-8 byte segment.
 */
export function qrMatrix(text: string, { errorCorrection }: QrOptions): QrMatrix {
  if (text === '') throw new RangeError('nothing to encode')
  const { size, data } = encode(text, { ecc: errorCorrection, border: 0 })
  return {
    format: 'qr',
    size,
    modules: ([] as boolean[]).concat(...data),
    quietZone: QR_QUIET_ZONE,
  }
}
