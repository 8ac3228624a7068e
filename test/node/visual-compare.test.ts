import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { PNG } from 'pngjs'

import { diffImages, MAX_DIFF_RATIO } from '../support/visual'

/** A 200×120 "widget": white, with a dark 60×24 "button" at (x, y). */
function widgetPng(x: number, y: number): Buffer {
  const png = new PNG({ width: 200, height: 120 })
  for (let py = 0; py < 120; py += 1) {
    for (let px = 0; px < 200; px += 1) {
      const inside = px >= x && px < x + 60 && py >= y && py < y + 24
      const i = (py * 200 + px) * 4
      png.data[i] = inside ? 31 : 255
      png.data[i + 1] = inside ? 111 : 255
      png.data[i + 2] = inside ? 235 : 255
      png.data[i + 3] = 255
    }
  }
  return PNG.sync.write(png)
}

describe('the visual comparison itself', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-visual-'))
  const write = (name: string, png: Buffer) => {
    const file = path.join(dir, name)
    fs.writeFileSync(file, png)
    return file
  }
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  test('an identical render passes with zero differing pixels', () => {
    const result = diffImages(write('a.png', widgetPng(20, 40)), write('b.png', widgetPng(20, 40)))
    expect(result).toEqual({ width: 200, height: 120, diffPixels: 0, ratio: 0, sameSize: true })
  })

  test('a 2 px layout shift of one control fails the tolerance', () => {
    const result = diffImages(write('c.png', widgetPng(20, 40)), write('d.png', widgetPng(22, 40)))
    // Two 24-px columns change at each edge of the button: 2 × 2 × 24 = 96 pixels.
    expect(result.diffPixels).toBe(96)
    expect(result.ratio).toBeGreaterThan(MAX_DIFF_RATIO)
  })

  test('a different size never passes', () => {
    const small = new PNG({ width: 100, height: 120 })
    const result = diffImages(
      write('e.png', widgetPng(20, 40)),
      write('f.png', PNG.sync.write(small)),
    )
    expect(result.sameSize).toBe(false)
    expect(result.ratio).toBe(1)
  })
})
