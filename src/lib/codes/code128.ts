// Code 128 through jsbarcode's CODE128 encoder only (no renderer, no DOM): automatic
// set selection puts digit pairs in set C, the densest for a numeric pay code.
import CODE128 from 'jsbarcode/bin/barcodes/CODE128/CODE128_AUTO.js'

/** Light modules required on each side of a Code 128 symbol (ISO/IEC 15417 §4.4.2). */
export const CODE128_QUIET_ZONE = 10

/** A Code 128 symbol from start to stop character. Quiet zone not included. */
export interface Code128Bars {
  format: 'code128'
  /** One character per module: '1' bar, '0' space. */
  modules: string
  /** Run lengths in modules, alternating bar, space, bar…; starts and ends with a bar. */
  bars: number[]
  /** Light modules to keep on each side when drawing. */
  quietZone: number
}

/** Encodes a digit string (a pay code) as Code 128; throws on anything but digits. */
export function code128(digits: string): Code128Bars {
  if (!/^\d{2,}$/.test(digits)) throw new RangeError('code128 expects at least two digits')
  const symbol = new CODE128(digits, {})
  if (!symbol.valid()) throw new RangeError('code128 cannot encode this input')
  const modules = symbol.encode().data
  return { format: 'code128', modules, bars: runLengths(modules), quietZone: CODE128_QUIET_ZONE }
}

function runLengths(modules: string): number[] {
  const runs: number[] = []
  let previous = ''
  for (const module of modules) {
    if (module === previous) runs[runs.length - 1]! += 1
    else runs.push(1)
    previous = module
  }
  return runs
}
