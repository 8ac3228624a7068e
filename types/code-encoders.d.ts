// The pure encoder core of `jsbarcode`, imported without its renderers (which pull in
// the DOM or canvas). Only what src/lib/codes uses is typed.

declare module 'jsbarcode/bin/barcodes/CODE128/CODE128_AUTO.js' {
  /** Code 128 with automatic set selection (set C for runs of digit pairs). */
  export default class CODE128 {
    constructor(data: string, options: Record<string, unknown>)
    valid(): boolean
    /** `data` is the module string: '1' a bar module, '0' a space module, start to stop. */
    encode(): { data: string; text: string }
  }
}
