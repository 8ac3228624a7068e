import path from 'node:path'

import { FRAMES } from '../src/lib/frame'
import { launchBrowser, startStack } from '../test/browser/support'

/**
 * `npm run gallery:image`: renders the preview gallery (every widget in every frame,
 * persona "good", a fixed clock) to docs/gallery.png for the README and docs/testing.md.
 * Needs a current H5 build (npm run build:h5).
 */
async function main(): Promise<void> {
  const server = await startStack({ clockStart: '2026-11-20T01:00:00Z', seed: 1 })
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage({
      viewport: { width: 2500, height: 2600 },
      deviceScaleFactor: 1,
    })
    await page.clock.setFixedTime(new Date('2026-11-20T01:00:00Z'))
    await page.goto(`${server.url}/#/pages/preview/index?persona=good&masked=0&lang=zh-CN`)
    for (const widget of ['balance', 'bill']) {
      for (const frame of FRAMES) {
        await page
          .frameLocator(`#preview-${widget}-${frame.id} iframe`)
          .locator(`#${widget}-card[data-status="ready"]`)
          .waitFor({ timeout: 30_000 })
      }
    }
    const file = path.resolve(__dirname, '..', 'docs', 'gallery.png')
    await page.screenshot({ path: file, fullPage: true })
    console.log(`wrote ${path.relative(process.cwd(), file)}`)
  } finally {
    await browser.close()
    await server.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
