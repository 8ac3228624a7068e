import fs from 'node:fs'
import path from 'node:path'

import type { Browser } from 'playwright-core'

import { launchChromium } from '../../lib/chromium'
import { type RunningServer, serve } from '../../serve'
import { AlipayRun, JdRun } from '../tree-run'
import { WeappRun } from '../weapp'
import type { DeviceOptions } from '../wx-api'
import { bundledPageScript } from './bundle'
import { capturePage, type HarnessRun, type PageCapture, settle, widgetsSettled } from './capture'
import type { ComponentInput, PageInput } from './page-entry'
import type { RenderTarget } from './translate'
import type { RenderedNode } from './tree'
import { compileTemplates } from './wxml'
import { compileWxss } from './wxss'

/** What a render shows: the page, who is signed in, and the phone it is on. */
export interface RenderOptions {
  /** `pages/balance/index`, or just `balance`. */
  page: string
  /** The sandbox persona the login code picks (`good`, `overdue`, …). Default `good`. */
  persona?: string
  /** The phone's width in CSS px (375, 360, 320 …). Default 375. */
  width?: number
  /** The phone's window height. Default 812: every width stays a phone, not a watch. */
  height?: number
  /** The host app's light/dark setting. Default `light`. */
  theme?: 'light' | 'dark'
  /** The phone's language. Default `zh-CN`. */
  locale?: 'zh-CN' | 'en-US'
  /** Ids (`#paycode-qr` or `paycode-qr`) painted over in #808080, as the H5 visual tests mask. */
  mask?: readonly string[]
  /** The whole page (default), or only the window's first screen. */
  fullPage?: boolean
  /** When the page has what it should show (default: widgets loaded, codes drawn). */
  ready?: (run: HarnessRun) => boolean
  /**
   * What the cardholder does once the page has settled (tap reveal, type an amount);
   * the page is captured when it has settled again.
   */
  act?: (run: HarnessRun) => Promise<void>
}

export interface RenderResult {
  /** The screenshot, 1 CSS px per pixel. */
  png: Buffer
  /** glass-easel's rendering of the page, laid out by chromium. */
  tree: RenderedNode[]
  /** The harness's run it was drawn from (its data, canvases and own tree). */
  capture: PageCapture
  /** What the run reported: console errors, exceptions, template warnings. */
  problems: string[]
}

export interface RendererOptions {
  /**
   * Which build: `weapp` (default), or `alipay` / `jd`, whose templates are translated
   * to WXML (translate.ts) and read by the same engine, WeChat's.
   */
  target?: RenderTarget
  /**
   * The build (`npm run build:weapp`, `build:alipay`, `build:jd`), or a WeChat host
   * mini-program with Cardlet's embedded widgets in it. Default `dist/<target>`.
   */
  distDir?: string
  /**
   * A running sandbox issuer's origin; without one the renderer starts its own, in
   * memory, with `clockStart` and `seed`.
   */
  issuer?: string
  /** Sandbox and app time at launch (ISO 8601); the H5 visual tests use the same. */
  clockStart?: string
  /** The sandbox's seed (codes, ids); the H5 visual tests use 1. */
  seed?: number
  /** The issuer origin baked into the build (TARO_APP_ISSUER_BASE_URL's default). */
  buildIssuer?: string
}

/** The fixed time renders start at, shared with the H5 visual tests' sandbox. */
export const RENDER_CLOCK_START = '2026-11-20T01:00:00Z'

const DEFAULTS_CSS = fs.readFileSync(path.join(__dirname, 'wechat-defaults.css'), 'utf8')

/**
 * Screenshots of the WeChat build's pages as WeChat lays them out: the harness runs the
 * page against the sandbox; glass-easel renders its templates (tags named `wx-view`,
 * `wx-button` … as WeChat names them) from the page's final data in chromium, styled
 * by WeChat's default component styles and the build's WXSS as `wcsc` compiled it for
 * the phone's width; the harness's canvas draws are replayed. One browser and one
 * sandbox serve every render until close().
 *
 * `distDir` may also be a host mini-program with the embed build's `cardlet/` folder in
 * it (a bank's own pages): every custom component a page's `usingComponents` reach, the
 * host's own and Cardlet's widgets, renders from its own data in the run, with its own
 * stylesheet isolated as WeChat isolates a component's by default.
 *
 * The Alipay and JD builds go the same way after a mechanical translation of their
 * templates and styles: what that checks is their templates and the data Taro gives
 * them, laid out by WeChat's engine with WeChat's default styles, not by Alipay's or
 * JD's own renderer (neither runs off-device).
 */
export class WeappRenderer {
  private templates: string | undefined
  private readonly styles = new Map<string, string>()

  private constructor(
    private readonly browser: Browser,
    private readonly issuer: string,
    private readonly server: RunningServer | undefined,
    private readonly options: Required<Omit<RendererOptions, 'issuer'>>,
  ) {}

  static async start(options: RendererOptions = {}): Promise<WeappRenderer> {
    const target = options.target ?? 'weapp'
    const settings = {
      target,
      distDir: path.resolve(options.distDir ?? `dist/${target}`),
      clockStart: options.clockStart ?? RENDER_CLOCK_START,
      seed: options.seed ?? 1,
      buildIssuer: options.buildIssuer ?? 'http://127.0.0.1:4010',
    }
    if (!fs.existsSync(path.join(settings.distDir, 'app.json'))) {
      throw new Error(`no ${target} build at ${settings.distDir}: run npm run build:${target}`)
    }
    const server = options.issuer
      ? undefined
      : await serve({ clockStart: settings.clockStart, seed: settings.seed, logger: false })
    const browser = await launchChromium().catch(async (error: unknown) => {
      await server?.close()
      throw error
    })
    return new WeappRenderer(browser, options.issuer ?? server!.url, server, settings)
  }

  /** Runs the page in the harness until it has settled, and captures it. */
  async capture(options: RenderOptions): Promise<{ capture: PageCapture; run: HarnessRun }> {
    const { target } = this.options
    const device: Partial<DeviceOptions> = {
      windowWidth: options.width ?? 375,
      windowHeight: options.height ?? 812,
      theme: options.theme ?? 'light',
      language: SYSTEM_LANGUAGE[target][options.locale ?? 'zh-CN'],
    }
    const launch = {
      distDir: this.options.distDir,
      loginCode: `sandbox:${options.persona ?? 'good'}`,
      path: pagePath(options.page),
      device,
      issuer: { from: this.options.buildIssuer, to: this.issuer },
      clockStart: this.options.clockStart,
    }
    const run: HarnessRun =
      target === 'weapp'
        ? await WeappRun.launch(launch)
        : await (target === 'alipay' ? AlipayRun : JdRun).launch(launch)
    try {
      const ready = options.ready ?? widgetsSettled
      if (options.act) {
        await settle(run, ready)
        await options.act(run)
      }
      return { capture: await capturePage(run, ready), run }
    } catch (error) {
      run.close()
      throw error
    }
  }

  async render(options: RenderOptions): Promise<RenderResult> {
    const { capture, run } = await this.capture(options)
    const problems = run.problems.map((p) => `${p.kind}: ${p.message}`)
    run.close()
    const width = options.width ?? 375
    const height = options.height ?? 812
    const context = await this.browser.newContext({
      viewport: { width, height },
      // wcsc's runtime converts rpx for window.screen.width, or for its height when
      // the screen says landscape (desktop emulation does): a phone held upright. The
      // user agent names no iPhone, so rpx rounds as on Android.
      screen: { width, height },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
    })
    try {
      const page = await context.newPage()
      await page.setContent(
        `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>${DEFAULTS_CSS}</style></head><body></body></html>`,
      )
      const components = usedComponents(this.options.distDir, capture.route)
      await page.addScriptTag({ content: this.wxss(capture.route, components) })
      await page.addScriptTag({ content: `window.cardletTemplates = ${this.wxml()}` })
      await page.addScriptTag({ content: await bundledPageScript() })
      const input: PageInput = {
        page: capture.route,
        config: readJson(this.options.distDir, capture.route),
        components,
        data: capture.data,
        instances: capture.components.filter(({ file }) => !components[file]?.recursive),
        canvases: capture.canvases,
        mask: (options.mask ?? []).map((id) => id.replace(/^#/, '')),
      }
      const tree = await page.evaluate((pageInput) => window.cardletRenderWeapp(pageInput), input)
      // Two frames painted: nothing left mid-layout.
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      )
      const png = await page.screenshot({
        fullPage: options.fullPage ?? true,
        animations: 'disabled',
        caret: 'hide',
        mask: [page.locator('[data-cardlet-mask]')],
        maskColor: '#808080',
      })
      return { png, tree, capture, problems }
    } finally {
      await context.close()
    }
  }

  async close(): Promise<void> {
    await this.browser.close()
    await this.server?.close()
  }

  private wxml(): string {
    this.templates ??= compileTemplates(this.options.distDir, this.options.target)
    return this.templates
  }

  private wxss(route: string, components: Record<string, ComponentInput>): string {
    let compiled = this.styles.get(route)
    if (compiled === undefined) {
      const scopes = Object.entries(components).map(([file, { styleScope }]) => [file, styleScope])
      compiled = compileWxss(
        this.options.distDir,
        route,
        this.options.target,
        Object.fromEntries(scopes),
      )
      this.styles.set(route, compiled)
    }
    return compiled
  }
}

/** One render with a renderer of its own (a browser and a sandbox started and closed). */
export async function renderWeappPage(
  options: RenderOptions & RendererOptions,
): Promise<RenderResult> {
  const renderer = await WeappRenderer.start(options)
  try {
    return await renderer.render(options)
  } finally {
    await renderer.close()
  }
}

/** The language each platform's system info reports for the phone's language setting. */
const SYSTEM_LANGUAGE: Record<RenderTarget, Record<'zh-CN' | 'en-US', string>> = {
  weapp: { 'zh-CN': 'zh_CN', 'en-US': 'en' },
  alipay: { 'zh-CN': 'zh-Hans', 'en-US': 'en' },
  // JD's API answers in WeChat's shapes.
  jd: { 'zh-CN': 'zh_CN', 'en-US': 'en' },
}

function pagePath(page: string): string {
  return page.includes('/') ? page : `pages/${page}/index`
}

/**
 * Every custom component the json of `owner` (a page or component) reaches through
 * `usingComponents`, and theirs, by path from the build's root: Taro's `comp` in a Taro
 * build; in a host mini-program, its own components and Cardlet's embedded widgets.
 * Paths resolve as WeChat resolves them: from the root when they start with `/`, else
 * from the file. Each component's classes are written in a scope named after its path.
 */
function usedComponents(
  distDir: string,
  owner: string,
  found: Record<string, ComponentInput> = {},
): Record<string, ComponentInput> {
  for (const file of componentFiles(readJson(distDir, owner), owner)) {
    if (found[file]) continue
    const config = readJson(distDir, file)
    found[file] = {
      config,
      styleScope: file.replace(/[^A-Za-z0-9]+/g, '-'),
      // Taro's `comp` is the one component that uses itself.
      recursive: componentFiles(config, file).includes(file),
    }
    usedComponents(distDir, file, found)
  }
  return found
}

function componentFiles(config: Record<string, unknown>, owner: string): string[] {
  return Object.values((config.usingComponents ?? {}) as Record<string, string>).map((target) =>
    target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(owner), target),
  )
}

function readJson(distDir: string, file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(distDir, `${file}.json`), 'utf8')) as Record<
    string,
    unknown
  >
}
