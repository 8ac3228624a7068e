// QR encoding through `qrcode`'s core only: no renderer, no Node or canvas dependency,
// so it bundles into WeChat/Alipay packages and H5 alike.
import { create, type QrSegment } from 'qrcode/lib/core/qrcode'

import { utf8 } from './utf8'

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
 * Encodes `text` as the smallest QR symbol at the given error correction.
 * Digits-only text uses numeric mode (a 19-digit pay code fits version 1 at M);
 * anything else is one UTF-8 byte segment, encoded here rather than by qrcode's
 * `TextEncoder`, which some mini-program engines lack.
 */
export function qrMatrix(text: string, { errorCorrection }: QrOptions): QrMatrix {
  if (text === '') throw new RangeError('nothing to encode')
  const segment: QrSegment = /^\d+$/.test(text)
    ? { data: text, mode: 'numeric' }
    : { data: utf8(text), mode: 'byte' }
  const { modules } = create([segment], { errorCorrectionLevel: errorCorrection })
  return {
    format: 'qr',
    size: modules.size,
    modules: Array.from(modules.data, (bit) => bit === 1),
    quietZone: QR_QUIET_ZONE,
  }
}
