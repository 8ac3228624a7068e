// The pure encoder cores of `qrcode` and `jsbarcode`, imported without their renderers
// (which pull in Node streams, canvas or the DOM). Only what src/lib/codes uses is typed.

declare module 'qrcode/lib/core/qrcode' {
  /** A segment with an explicit mode; `data` as bytes skips qrcode's TextEncoder use. */
  export interface QrSegment {
    data: string | Uint8Array
    mode: 'numeric' | 'alphanumeric' | 'byte' | 'kanji'
  }
  export interface QrSymbol {
    modules: { size: number; data: Uint8Array; get(row: number, col: number): number }
    version: number
    maskPattern: number
  }
  export function create(
    data: string | QrSegment[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number },
  ): QrSymbol
}

declare module 'jsbarcode/bin/barcodes/CODE128/CODE128_AUTO.js' {
  /** Code 128 with automatic set selection (set C for runs of digit pairs). */
  export default class CODE128 {
    constructor(data: string, options: Record<string, unknown>)
    valid(): boolean
    /** `data` is the module string: '1' a bar module, '0' a space module, start to stop. */
    encode(): { data: string; text: string }
  }
}
