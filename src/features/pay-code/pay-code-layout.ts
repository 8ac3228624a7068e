import type { Frame, FrameId } from '@/lib/frame'

/** A pay code's modules: QR version 1 (21) + 2 × 4 quiet; Code 128 of 19 digits + 2 × 10 quiet. */
export const QR_MODULES = 29
export const BARCODE_MODULES = 176

/** How the pay code is laid out in one frame, in CSS px. */
export interface PayCodeLayout {
  /** Side of the QR canvas (a whole number of modules at 1 CSS px = 1 device px). */
  qr: number
  /** Barcode canvas, or null where it cannot be drawn wide enough to scan. */
  barcode: { width: number; height: number } | null
  /** QR beside the controls (service-widget cards) rather than above them. */
  row: boolean
  /** Room for the digits line and its reveal button. */
  digits: boolean
  /**
   * The revealed digits take the barcode's place (the same number, to type in): the
   * smallest round face has no room for both and the countdown row in its safe square.
   */
  revealReplacesBarcode: boolean
}

/**
 * Sizes chosen per frame so everything fits its content box (round faces: the safe
 * square) without scrolling; figures checked in test/unit/pay-code-controller.test.ts
 * (`payCodeLayout`).
 * The barcode is shown only where its canvas is at least BARCODE_MODULES device px
 * wide (one device px per module, the least a scanner resolves); band and 2×2 show
 * the QR alone.
 */
const LAYOUTS: Record<
  FrameId,
  Omit<PayCodeLayout, 'barcode' | 'revealReplacesBarcode'> & {
    barcode: [number, number] | null
    revealReplacesBarcode?: true
  }
> = {
  phone: { qr: QR_MODULES * 8, barcode: [300, 72], row: false, digits: true },
  'watch-round-l': { qr: QR_MODULES * 5, barcode: [240, 36], row: false, digits: true },
  'watch-round-s': {
    qr: QR_MODULES * 4,
    barcode: [200, 28],
    row: false,
    digits: true,
    revealReplacesBarcode: true,
  },
  'watch-square': { qr: QR_MODULES * 7, barcode: [300, 48], row: false, digits: true },
  band: { qr: QR_MODULES * 5, barcode: null, row: false, digits: true },
  'widget-2x2': { qr: QR_MODULES * 3, barcode: null, row: true, digits: false },
  'widget-2x4': { qr: QR_MODULES * 3, barcode: [BARCODE_MODULES, 40], row: true, digits: false },
}

/**
 * What a phone's width loses around the pay code's content box: the page's 12 px margin
 * and the card's 14 px padding on each side (src/ui/screen, src/ui/widget-card).
 */
export const PHONE_CHROME_PX = 52

/**
 * The layout for `frame`. A phone's window may be narrower than the 375 px frame (320
 * px phones exist): its barcode narrows to the content box rather than being cut off.
 */
export function payCodeLayout(
  frame: Frame,
  devicePixelRatio = 1,
  windowWidth = frame.width,
): PayCodeLayout {
  const { barcode, revealReplacesBarcode = false, ...rest } = LAYOUTS[frame.id]
  const width =
    barcode && frame.id === 'phone'
      ? Math.min(barcode[0], windowWidth - PHONE_CHROME_PX)
      : barcode?.[0]
  const wideEnough = width !== undefined && width * devicePixelRatio >= BARCODE_MODULES
  return {
    ...rest,
    revealReplacesBarcode,
    barcode: barcode && width !== undefined && wideEnough ? { width, height: barcode[1] } : null,
  }
}
