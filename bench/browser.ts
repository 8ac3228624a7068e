import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'

import { launchBrowser } from '../test/browser/support'
import { type RunningServer, serve } from '../tools/serve'
import { outDir, type Variant, type WebTarget } from './lib'

export { launchBrowser }

export const WATCH = { width: 466, height: 466 }
export const CPU_SLOWDOWN = 6

export function serveBuild(variant: Variant, target: WebTarget = 'h5'): Promise<RunningServer> {
  return serve({ distDir: outDir(variant, target), port: 0 })
}

/** A fresh context at the round 466 frame, cache off and the CPU slowed 6× (CDP). */
export async function throttledPage(
  browser: Browser,
  throttle = true,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: WATCH,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
  })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  await cdp.send('Performance.enable')
  return { context, page }
}

/**
 * The same-origin HTML, JS and CSS a page had loaded once `ready` showed, as paths in its
 * build folder: the document plus the page's resource-timing entries (a page that
 * long-polls the issuer never goes network-idle, and every chunk a page needs to
 * render has finished loading before it renders).
 */
export async function loadedFiles(browser: Browser, url: string, ready: string): Promise<string[]> {
  const context = await browser.newContext({ viewport: WATCH })
  const page = await context.newPage()
  const origin = new URL(url).origin
  await page.goto(url)
  await page.locator(ready).first().waitFor({ timeout: 30_000 })
  await page.waitForLoadState('load')
  const urls = (await page.evaluate(
    `performance.getEntriesByType('resource').map((e) => e.name)`,
  )) as string[]
  await context.close()
  const files = ['index.html']
  for (const u of urls.map((name) => new URL(name))) {
    if (u.origin !== origin || u.pathname.startsWith('/v1/')) continue
    const file = u.pathname.replace(/^\//, '')
    if (/\.(js|css)$/.test(file)) files.push(file)
  }
  return files.map((f) => path.normalize(f))
}

/**
 * First contentful paint in ms from navigation start, or undefined. The page script
 * is a string: tsx's transform would otherwise inject helpers the page does not have.
 */
export async function firstContentfulPaint(page: Page): Promise<number | undefined> {
  const value = await page.evaluate(`new Promise((resolve) => {
    const entry = performance.getEntriesByName('first-contentful-paint')[0]
    if (entry) return resolve(entry.startTime)
    // The paint entries are first-paint and first-contentful-paint: wait for the latter
    // (taking the first entry of any kind read a blank first paint as the FCP).
    new PerformanceObserver((list) => {
      const fcp = list.getEntriesByName('first-contentful-paint')[0]
      if (fcp) resolve(fcp.startTime)
    }).observe({ type: 'paint', buffered: true })
    setTimeout(() => resolve(null), 15000)
  })`)
  return typeof value === 'number' ? value : undefined
}

/** ms from navigation start until `selector` is present (and, if given, its text matches). */
export async function timeUntil(page: Page, selector: string, text?: RegExp, timeout = 30_000) {
  try {
    await page.waitForFunction(
      ([sel, source]) => {
        const el = document.querySelector(sel as string)
        if (!el) return false
        return source ? new RegExp(source as string).test((el as HTMLElement).innerText) : true
      },
      [selector, text?.source ?? ''],
      { timeout, polling: 'raf' },
    )
    return await page.evaluate(() => performance.now())
  } catch {
    return undefined
  }
}

export async function jsHeapUsed(context: BrowserContext, page: Page): Promise<number | undefined> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value
}
