// Compares two PNG screenshots with pixelmatch and prints
// {"width","height","diffPixels","ratio","sameSize"}; writes a diff image when a third
// path is given. An ES module because pixelmatch is ESM-only; the visual tests call it.
import { readFileSync, writeFileSync } from 'node:fs'

import pixelmatch from 'pixelmatch'
import { PNG } from 'pngjs'

const [baselinePath, actualPath, diffPath] = process.argv.slice(2)
if (!baselinePath || !actualPath) {
  console.error('usage: visual-diff.mjs <baseline.png> <actual.png> [diff.png]')
  process.exit(2)
}
const baseline = PNG.sync.read(readFileSync(baselinePath))
const actual = PNG.sync.read(readFileSync(actualPath))
const sameSize = baseline.width === actual.width && baseline.height === actual.height
let diffPixels = baseline.width * baseline.height
if (sameSize) {
  const diff = new PNG({ width: baseline.width, height: baseline.height })
  // threshold: per-pixel colour distance (0..1) below which pixels count as equal;
  // anti-aliased pixels are not counted.
  diffPixels = pixelmatch(baseline.data, actual.data, diff.data, baseline.width, baseline.height, {
    threshold: 0.1,
  })
  if (diffPath) writeFileSync(diffPath, PNG.sync.write(diff))
}
const total = baseline.width * baseline.height
console.log(
  JSON.stringify({
    width: baseline.width,
    height: baseline.height,
    diffPixels,
    ratio: diffPixels / total,
    sameSize,
  }),
)
