import {
  BarcodeFormat,
  BinaryBitmap,
  Code128Reader,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatOneDReader,
  RGBLuminanceSource,
} from '@zxing/library'
import jsQR from 'jsqr'

import {
  code128,
  CODE128_QUIET_ZONE,
  type DrawableCode,
  drawModules,
  layoutCode,
  QR_QUIET_ZONE,
  qrMatrix,
} from '@/lib/codes'

const PAY_CODE = '6200012345694287082'

/** An RGBA image painted through drawModules, refusing any rect off the pixel grid. */
function rasterize(code: DrawableCode, width: number, height: number) {
  const rgba = new Uint8ClampedArray(width * height * 4).fill(128)
  const ctx = {
    fillStyle: '' as unknown,
    fillRect(x: number, y: number, w: number, h: number) {
      for (const v of [x, y, w, h]) if (!Number.isInteger(v)) throw new Error(`off-grid ${v}`)
      const value = this.fillStyle === '#000000' ? 0 : this.fillStyle === '#ffffff' ? 255 : 128
      for (let row = Math.max(0, y); row < Math.min(height, y + h); row++) {
        for (let col = Math.max(0, x); col < Math.min(width, x + w); col++) {
          const i = (row * width + col) * 4
          rgba.set([value, value, value, 255], i)
        }
      }
    },
  }
  const layout = drawModules(ctx, code, width, height)
  return { rgba, layout }
}

function pixel(rgba: Uint8ClampedArray, width: number, x: number, y: number): number {
  return rgba[(y * width + x) * 4]!
}

function decode1D(rgba: Uint8ClampedArray, width: number, height: number, reader = 'code128') {
  const luminance = new Uint8ClampedArray(width * height)
  for (let i = 0; i < luminance.length; i++) luminance[i] = rgba[i * 4]!
  const bitmap = new BinaryBitmap(
    new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)),
  )
  const hints = new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]]])
  const result =
    reader === 'code128'
      ? new Code128Reader().decode(bitmap, hints)
      : new MultiFormatOneDReader(hints).decode(bitmap, hints)
  return { text: result.getText(), format: result.getBarcodeFormat() }
}

describe('qrMatrix', () => {
  test('a 19-digit pay code is a 21 × 21 (version 1) symbol at M, numeric mode', () => {
    const qr = qrMatrix(PAY_CODE, { errorCorrection: 'M' })
    expect(qr.size).toBe(21)
    expect(qr.modules).toHaveLength(21 * 21)
    expect(qr.quietZone).toBe(QR_QUIET_ZONE)
    // Finder pattern: the top-left 7 × 7 ring is dark, its second ring light.
    expect(qr.modules.slice(0, 7)).toEqual([true, true, true, true, true, true, true])
    expect(qr.modules.slice(21, 28)).toEqual([true, false, false, false, false, false, true])
  })

  test.each([
    [PAY_CODE, 'M'],
    ['6299999999999999999', 'M'],
    ['0000000000000000001', 'H'],
    ['https://pay.example.com/c?id=42&名=付款', 'M'],
  ] as const)('%s at %s decodes back with jsQR', (text, level) => {
    const qr = qrMatrix(text, { errorCorrection: level })
    const side = (qr.size + 2 * QR_QUIET_ZONE) * 4 + 3
    const { rgba, layout } = rasterize(qr, side, side)
    expect(layout).toEqual({
      moduleSize: 4,
      x: 1,
      y: 1,
      width: side - 3,
      height: side - 3,
      fits: true,
    })
    expect(jsQR(rgba, side, side)?.data).toBe(text)
  })

  test('the quiet zone stays light: 4 modules on every side, then the finder pattern', () => {
    const qr = qrMatrix(PAY_CODE, { errorCorrection: 'M' })
    const side = (21 + 8) * 3
    const { rgba } = rasterize(qr, side, side)
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < side; j++) {
        expect([
          pixel(rgba, side, i, j),
          pixel(rgba, side, j, i),
          pixel(rgba, side, side - 1 - i, j),
          pixel(rgba, side, j, side - 1 - i),
        ]).toEqual([255, 255, 255, 255])
      }
    }
    expect(pixel(rgba, side, 12, 12)).toBe(0)
  })

  test('refuses empty text', () => {
    expect(() => qrMatrix('', { errorCorrection: 'M' })).toThrow(RangeError)
  })
})

describe('code128', () => {
  test('a 19-digit pay code: start C, 9 digit pairs, code A, 1 digit, check, stop = 156 modules', () => {
    const bars = code128(PAY_CODE)
    expect(bars.modules).toHaveLength(156)
    expect(bars.modules.slice(0, 11)).toBe('11010011100') // START C (105)
    expect(bars.modules.slice(11, 22)).toBe('11110001010') // "62" in set C (value 62)
    expect(bars.modules.slice(-13)).toBe('1100011101011') // STOP
    expect(bars.quietZone).toBe(CODE128_QUIET_ZONE)
    expect(bars.bars.reduce((a, b) => a + b, 0)).toBe(156)
    expect(bars.bars).toHaveLength(bars.modules.split(/(?<=1)(?=0)|(?<=0)(?=1)/).length)
    expect(bars.bars.slice(0, 6)).toEqual([2, 1, 1, 2, 3, 2]) // START C as bar/space widths
  })

  test.each([
    [PAY_CODE, 'code128'],
    [PAY_CODE, 'multi'],
    ['6212345678901234567', 'multi'],
    ['62000123456000000000', 'code128'],
    ['00', 'code128'],
  ])('%s decodes back with @zxing/library (%s reader)', (digits, reader) => {
    const bars = code128(digits)
    const width = (bars.modules.length + 2 * CODE128_QUIET_ZONE) * 2 + 5
    const height = 24
    const { rgba, layout } = rasterize(bars, width, height)
    expect(layout.moduleSize).toBe(2)
    expect(layout.height).toBe(height)
    expect(decode1D(rgba, width, height, reader)).toEqual({
      text: digits,
      format: BarcodeFormat.CODE_128,
    })
  })

  test('the quiet zone is 10 light modules on each side', () => {
    const bars = code128(PAY_CODE)
    const width = 156 + 20
    const { rgba } = rasterize(bars, width, 1)
    const row = Array.from({ length: width }, (_, x) => pixel(rgba, width, x, 0))
    expect(row.slice(0, 10)).toEqual(Array(10).fill(255))
    expect(row.slice(-10)).toEqual(Array(10).fill(255))
    expect(
      row
        .slice(10, 166)
        .map((v) => (v === 0 ? '1' : '0'))
        .join(''),
    ).toBe(bars.modules)
  })

  test.each(['', '6', '62a1', '62 00'])('refuses %j', (input) => {
    expect(() => code128(input)).toThrow(RangeError)
  })
})

describe('layoutCode', () => {
  test('too narrow a canvas is reported, not silently squeezed', () => {
    expect(layoutCode(code128(PAY_CODE), 175, 40)).toMatchObject({ moduleSize: 1, fits: false })
    expect(layoutCode(code128(PAY_CODE), 176, 40)).toMatchObject({ moduleSize: 1, fits: true })
  })

  test('a QR in a wide canvas is square and centred', () => {
    const qr = qrMatrix(PAY_CODE, { errorCorrection: 'M' })
    expect(layoutCode(qr, 300, 116)).toEqual({
      moduleSize: 4,
      x: 92,
      y: 0,
      width: 116,
      height: 116,
      fits: true,
    })
  })
})
