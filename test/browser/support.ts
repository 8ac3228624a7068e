import fs from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'

import { type Frame, frameById, type FrameId } from '@/lib/frame'

import { launchChromium } from '../../tools/lib/chromium'
import { type RunningServer, serve, type ServeOptions } from '../../tools/serve'

const root = path.resolve(__dirname, '..', '..')
export const ARTIFACTS = path.join(root, 'test', 'artifacts')

/** The built H5 app (dist/h5, or CARDLET_H5_DIST) and a fresh in-memory sandbox issuer on one origin. */
export function startStack(options: ServeOptions = {}): Promise<RunningServer> {
  const distDir = process.env.CARDLET_H5_DIST ?? path.join(root, 'dist', 'h5')
  return serve({ distDir, port: 0, ...options })
}

/** Debian's chromium, headless (tools/lib/chromium.ts). */
export const launchBrowser = launchChromium

/** The stack and browser one test file shares. */
export interface Stack {
  readonly server: RunningServer
  readonly browser: Browser
}

/**
 * A test file's stack (`startStack(options)`) and chromium, started before its first
 * test and closed after its last. Read them inside hooks and tests, once started.
 */
export function setupStack(options: ServeOptions = {}): Stack {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startStack(options)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is not started yet: use it inside a test`)
    return value
  }
  return {
    get server() {
      return started(server, 'the stack')
    },
    get browser() {
      return started(browser, 'the browser')
    },
  }
}

export function frame(id: FrameId): Frame {
  const found = frameById(id)
  if (!found) throw new Error(`unknown frame ${id}`)
  return found
}

/** A page whose viewport is exactly the frame, at 1 CSS px per device px (`touch`: a touch screen). */
export async function openInFrame(
  browser: Browser,
  target: Frame,
  url: string,
  {
    touch = false,
    serviceWorkers = 'block',
  }: {
    touch?: boolean
    /**
     * The H5 build's service worker runs only where a test asks (`allow`: the offline
     * start). Elsewhere it is blocked: a page it controls has its issuer requests neither
     * routed nor reported, which tests that route or watch them rely on.
     */
    serviceWorkers?: 'allow' | 'block'
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    serviceWorkers,
    viewport: { width: target.width, height: target.height },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    hasTouch: touch,
  })
  const page = await context.newPage()
  await page.goto(url)
  return { context, page }
}

/** Writes a screenshot under test/artifacts/screenshots and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS, 'screenshots')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}

/** The element's box lies inside the frame, and on a round face inside its circle. */
export async function insideFrame(locator: Locator, frameId: FrameId): Promise<boolean> {
  const box = await locator.boundingBox()
  if (!box) return false
  const { width, height, shape } = frame(frameId)
  const corners = [
    [box.x, box.y],
    [box.x + box.width, box.y],
    [box.x, box.y + box.height],
    [box.x + box.width, box.y + box.height],
  ] as const
  if (shape === 'rect') {
    return corners.every(
      ([x, y]) => x >= -0.5 && y >= -0.5 && x <= width + 0.5 && y <= height + 0.5,
    )
  }
  const r = width / 2
  return corners.every(([x, y]) => Math.hypot(x - r, y - r) <= r + 0.5)
}
