import fs from 'node:fs'
import path from 'node:path'

import { PNG } from 'pngjs'

import type { SandboxOptions } from '../../sandbox/app'
import { type ExparserNode, MiniElement, type PageRecord, WeappRun } from '../miniprogram'
import { type RunningServer, serve } from '../serve'
import {
  type AgentAnswer,
  type AutomatorBridge,
  BRIDGE_VERSION,
  type Params,
  type ProtocolServer,
  serveProtocol,
  type Viewport,
} from './bridge'

/** The issuer origin baked into the weapp build (docs/integrating.md: TARO_APP_ISSUER_BASE_URL default). */
export const WEAPP_BUILD_ISSUER = 'http://127.0.0.1:4010'

export interface WeappBridgeOptions {
  /**
   * The mini-program to run (isWeappProject): the production WeChat build (`npm run
   * build:weapp`, dist/weapp), or a bank's own mini-program with Cardlet's widgets
   * embedded as custom components (docs/embedding.md).
   */
  distDir: string
  port?: number
  host?: string
  viewport: Viewport
  /** The origin the mini-program calls for its issuer (default http://127.0.0.1:4010). */
  buildIssuer?: string
  sandbox?: SandboxOptions
  onClosed?: () => void
}

export function weappUnsupportedMessage(method: string): string {
  return `${method} is not supported on the weapp backend by the Cardlet automator bridge`
}

/** True when `dir` is a WeChat build folder (app.json and Taro's base.wxml). */
export function isWeappBuild(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'app.json')) && fs.existsSync(path.join(dir, 'base.wxml'))
}

/**
 * True when `dir` is a WeChat mini-program the weapp backend can run: app.json and
 * app.js at its root. That is a Taro build (isWeappBuild) or a host mini-program of the
 * bank's own whose pages use custom components (Cardlet's `cardlet/` folder copied in).
 */
export function isWeappProject(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'app.json')) && fs.existsSync(path.join(dir, 'app.js'))
}

const ROUTES = new Set(['navigateTo', 'redirectTo', 'reLaunch', 'switchTab', 'navigateBack'])
const MAX_PAGES = 10
const CALL_TIMEOUT_MS = 20_000

type AnyFunction = (...args: unknown[]) => unknown
interface Callbacks {
  success?: (result: unknown) => void
  fail?: (error: unknown) => void
  complete?: (result: unknown) => void
}

class ProtocolError extends Error {}

/** A value that survives JSON: functions and cycles become null. */
function plain(value: unknown): unknown {
  if (value === undefined || typeof value === 'function') return null
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.parse(JSON.stringify(value)) as unknown
    } catch {
      return null
    }
  }
  return value
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  if (error && typeof error === 'object' && 'errMsg' in error) return String(error.errMsg)
  if (error && typeof error === 'object' && 'message' in error) return String(error.message)
  return String(error)
}

/** `a.b[0].c` of `data`, null when the path leads nowhere (DevTools' Page.getData path). */
function at(data: unknown, dataPath: unknown): unknown {
  if (typeof dataPath !== 'string' || dataPath === '') return data
  let value: unknown = data
  for (const key of dataPath.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (value === null || typeof value !== 'object') return null
    value = (value as Record<string, unknown>)[key]
  }
  return value ?? null
}

/**
 * The miniprogram-automator protocol on the production WeChat build, or a host
 * mini-program embedding Cardlet's components, running in the mini-program runtime
 * harness (tools/miniprogram): pages are the harness's page instances, elements its
 * exparser nodes, `wx` its API object. The bridge starts its own sandbox issuer and
 * routes the issuer origin the mini-program calls (`buildIssuer`: the build's baked
 * one, which the example host's app.js names too) to it.
 */
export async function startWeappBridge(options: WeappBridgeOptions): Promise<AutomatorBridge> {
  const distDir = path.resolve(options.distDir)
  if (!isWeappProject(distDir)) {
    throw new Error(
      `no WeChat mini-program (app.json and app.js) at ${distDir}: run \`npm run build:weapp\` first`,
    )
  }
  let server: RunningServer | undefined
  let run: WeappRun | undefined
  let protocol: ProtocolServer | undefined
  let closing: Promise<void> | undefined
  const broadcast = (method: string, params: unknown) => protocol?.broadcast(method, params)

  const close = (): Promise<void> => {
    closing ??= (async () => {
      await protocol?.close()
      run?.close()
      if (server) {
        const closed = server.close().catch(() => undefined)
        server.app.server.closeAllConnections()
        await closed
      }
      options.onClosed?.()
    })()
    return closing
  }

  try {
    server = await serve({ port: 0, ...options.sandbox })
    const issuer = server.url
    run = await WeappRun.launch({
      distDir,
      device: { windowWidth: options.viewport.width, windowHeight: options.viewport.height },
      issuer: { from: options.buildIssuer ?? WEAPP_BUILD_ISSUER, to: issuer },
    })
    const backend = new WeappBackend(run, issuer, options.viewport, broadcast)
    protocol = await serveProtocol({
      host: options.host,
      port: options.port,
      handle: async (method, params) => {
        if (method === 'Tool.close') {
          setImmediate(() => void close())
          return { result: {} }
        }
        return backend.handle(method, params)
      },
    })
    return {
      backend: 'weapp',
      wsEndpoint: protocol.wsEndpoint,
      appUrl: issuer,
      issuerUrl: issuer,
      viewport: options.viewport,
      onConnections: protocol.onConnections,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/** The protocol methods, each acting on one WeappRun. */
export class WeappBackend {
  private readonly pageIds = new WeakMap<PageRecord, number>()
  private nextPageId = 1
  private readonly elements = new Map<string, { node: ExparserNode; page: PageRecord }>()
  private readonly elementIds = new WeakMap<ExparserNode, string>()
  private nextElementId = 1
  private readonly originals = new Map<string, unknown>()
  private logEnabled = false

  constructor(
    private readonly run: WeappRun,
    private readonly issuer: string,
    private readonly viewport: Viewport,
    private readonly emit: (method: string, params: unknown) => void,
  ) {
    run.context.onConsole((entry) => {
      if (this.logEnabled) this.emit('App.logAdded', { type: entry.level, args: [entry.text] })
    })
    run.context.onException((error) => {
      this.emit('App.exceptionThrown', {
        message: messageOf(error),
        stack: error instanceof Object && 'stack' in error ? String(error.stack) : '',
      })
    })
  }

  async handle(method: string, params: Params): Promise<AgentAnswer> {
    try {
      return { result: (await this.dispatch(method, params)) ?? {} }
    } catch (error) {
      return { error: { message: messageOf(error) } }
    }
  }

  private get wx(): Record<string, unknown> {
    return this.run.context.window.wx as Record<string, unknown>
  }

  private pageInfo(page: PageRecord) {
    let pageId = this.pageIds.get(page)
    if (pageId === undefined) {
      pageId = this.nextPageId++
      this.pageIds.set(page, pageId)
    }
    return { pageId, path: page.route, query: { ...page.query } }
  }

  private page(pageId: unknown): PageRecord {
    const page = this.run.openPages.find((p) => this.pageIds.get(p) === Number(pageId))
    if (!page) throw new ProtocolError(`page ${String(pageId)} is not in the page stack`)
    return page
  }

  /**
   * An element's handle as DevTools answers it: a custom component (an embedded
   * widget, Taro's `comp`) also carries a `nodeId`, so the client makes it a
   * CustomElement, as against DevTools.
   */
  private handleFor(node: ExparserNode, page: PageRecord) {
    let elementId = this.elementIds.get(node)
    if (!elementId) {
      elementId = `w${this.nextElementId++}`
      this.elementIds.set(node, elementId)
      this.elements.set(elementId, { node, page })
    }
    const tagName = new MiniElement(node, this.run).tagName
    return isCustomComponent(node)
      ? { elementId, nodeId: elementId, tagName }
      : { elementId, tagName }
  }

  private element(params: Params): { element: MiniElement; page: PageRecord } {
    const page = this.page(params.pageId)
    const entry = this.elements.get(String(params.elementId))
    if (!entry || entry.page !== page) {
      throw new ProtocolError(`element ${String(params.elementId)} not found`)
    }
    // The node must still be rendered on its page (a setData may have replaced it).
    if (!entry.node.$$ || !page.host.contains(entry.node.$$)) {
      throw new ProtocolError(
        `element ${String(params.elementId)} is no longer on page ${String(params.pageId)}`,
      )
    }
    return { element: new MiniElement(entry.node, this.run), page }
  }

  /**
   * Page.getElement(s) search the page and every component's shadow tree below it (Taro
   * renders the app inside its `comp` components). Element.getElement(s) search below
   * the element, and on a custom component inside its own tree, as DevTools' `element.$`
   * does: `(await page.$('#balance')).$('#balance-card')` for an embedded widget.
   */
  private query(params: Params, scoped: boolean) {
    const selector = String(params.selector)
    if (scoped) {
      const { element, page } = this.element(params)
      return { page, found: this.run.queryAllIn(page, selector, element.node) }
    }
    const page = this.page(params.pageId)
    return { page, found: this.run.queryAllIn(page, selector) }
  }

  private async dispatch(method: string, p: Params): Promise<unknown> {
    switch (method) {
      case 'Tool.getInfo':
        return {
          SDKVersion: String(
            (this.wx.getSystemInfoSync as () => { SDKVersion: string })().SDKVersion,
          ),
          platform: 'weapp',
          bridge: `cardlet-automator ${BRIDGE_VERSION}`,
          backend: 'weapp',
          issuer: this.issuer,
        }
      case 'App.getCurrentPage': {
        await this.run.settled()
        return this.pageInfo(this.run.currentPage)
      }
      case 'App.getPageStack':
        await this.run.settled()
        return { pageStack: this.run.openPages.map((page) => this.pageInfo(page)) }
      case 'App.callWxMethod':
        return { result: await this.callWxMethod(p) }
      case 'App.mockWxMethod':
        this.mockWxMethod(p)
        return {}
      case 'App.callFunction': {
        const fn = this.evaluate(String(p.functionDeclaration), 'App.callFunction')
        const args = this.run.context.toContext(Array.isArray(p.args) ? p.args : [])
        return { result: plain(await fn(...(args as unknown[]))) }
      }
      case 'App.addBinding': {
        const name = String(p.name)
        if (!/^[A-Za-z_$][\w$]*$/.test(name))
          throw new ProtocolError(`invalid binding name ${name}`)
        this.run.context.window[name] = (...args: unknown[]) =>
          this.emit('App.bindingCalled', { name, args: args.map(plain) })
        return {}
      }
      case 'App.enableLog':
        this.logEnabled = true
        return {}
      case 'App.captureScreenshot':
        return { data: this.screenshot().toString('base64') }
      case 'Page.getElement':
      case 'Element.getElement': {
        const { page, found } = this.query(p, method === 'Element.getElement')
        const first = found[0]
        if (!first) throw new ProtocolError(`no element matches selector "${String(p.selector)}"`)
        return this.handleFor(first.node, page)
      }
      case 'Page.getElements':
      case 'Element.getElements': {
        const { page, found } = this.query(p, method === 'Element.getElements')
        return { elements: found.map((e) => this.handleFor(e.node, page)) }
      }
      case 'Page.getData':
        // The page's real data, as Taro's setData left it (DevTools answers the same).
        return { data: plain(at(this.page(p.pageId).instance.data, p.path)) }
      case 'Element.getAttributes': {
        const { element } = this.element(p)
        return { attributes: this.names(p).map((name) => element.attribute(name)) }
      }
      case 'Element.getDOMProperties': {
        const { element } = this.element(p)
        return { properties: this.names(p).map((name) => this.domProperty(element, name)) }
      }
      case 'Element.tap':
        await this.element(p).element.tap()
        return {}
      case 'Element.touchstart':
      case 'Element.touchmove':
      case 'Element.touchend': {
        const { element } = this.element(p)
        this.run.dispatch(element.node, method.slice('Element.'.length), {})
        await tick()
        return {}
      }
      case 'Element.triggerEvent': {
        const { element } = this.element(p)
        const detail = (p.detail ?? {}) as Record<string, unknown>
        this.run.dispatch(element.node, String(p.type), detail)
        await tick()
        return {}
      }
      case 'Element.callFunction': {
        const name = String(p.functionName)
        if (name !== 'input.input' && name !== 'textarea.input') {
          throw new ProtocolError(weappUnsupportedMessage(`Element.callFunction(${name})`))
        }
        const args = Array.isArray(p.args) ? p.args : []
        await this.element(p).element.input(String(args[0] ?? ''))
        return { result: null }
      }
      case 'Element.getWXML': {
        const { element } = this.element(p)
        const dom = element.node.$$
        return { wxml: (p.type === 'outer' ? dom?.outerHTML : dom?.innerHTML) ?? '' }
      }
      default:
        throw new ProtocolError(weappUnsupportedMessage(method))
    }
  }

  private names(p: Params): string[] {
    return Array.isArray(p.names) ? p.names.map(String) : []
  }

  private domProperty(element: MiniElement, name: string): unknown {
    switch (name) {
      case 'innerText':
      case 'textContent':
        return element.text()
      case 'value':
        return element.attribute('value') ?? ''
      case 'id':
        return element.id
      case 'tagName':
        return element.tagName
      default:
        return null
    }
  }

  /** Evaluates a function declaration in the app's logic context. */
  private evaluate(declaration: string, where: string): AnyFunction {
    const fn = this.run.context.run<unknown>(`(${declaration})`, `automator:${where}`)
    if (typeof fn !== 'function') throw new ProtocolError(`${where}: not a function`)
    return fn as AnyFunction
  }

  private async callWxMethod(p: Params): Promise<unknown> {
    const method = String(p.method)
    const args = Array.isArray(p.args) ? (p.args as unknown[]) : []
    if (p.pluginId !== undefined) {
      throw new ProtocolError(weappUnsupportedMessage(`App.callWxMethod(plugin ${method})`))
    }
    if (ROUTES.has(method)) return this.route(method, (args[0] ?? {}) as Params)
    const fn = this.wx[method]
    if (typeof fn !== 'function') throw new ProtocolError(`wx.${method} does not exist`)
    const callArgs = this.run.context.toContext(args)
    if (method.endsWith('Sync') || !isOptionsCall(args)) {
      return plain(await (fn as AnyFunction).apply(this.wx, callArgs))
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ProtocolError(`wx.${method} did not answer in ${CALL_TIMEOUT_MS} ms`)),
        CALL_TIMEOUT_MS,
      )
      const options = {
        ...(callArgs[0] as object),
        success: (result: unknown) => {
          clearTimeout(timer)
          resolve(plain(result))
        },
        fail: (error: unknown) => {
          clearTimeout(timer)
          reject(new ProtocolError(messageOf(error)))
        },
      }
      try {
        const returned = (fn as AnyFunction).call(this.wx, options, ...callArgs.slice(1))
        if (returned !== undefined && !(returned instanceof Object && 'then' in returned)) {
          clearTimeout(timer)
          resolve(plain(returned))
        }
      } catch (error) {
        clearTimeout(timer)
        reject(new ProtocolError(messageOf(error)))
      }
    })
  }

  /** Routes go through the harness's page stack, as WeChat's router would. */
  private async route(method: string, options: Params): Promise<unknown> {
    await this.run.settled()
    const stack = this.run.openPages
    if (method === 'navigateBack') {
      if (stack.length <= 1) {
        throw new ProtocolError('navigateBack:fail cannot navigate back at first page.')
      }
      await this.run.navigateBack(typeof options.delta === 'number' ? options.delta : 1)
    } else {
      const url = String(options.url ?? '')
      if (method === 'switchTab') {
        throw new ProtocolError('switchTab:fail can not switch to no-tabBar page')
      }
      if (method === 'navigateTo' && stack.length >= MAX_PAGES) {
        throw new ProtocolError('navigateTo:fail webview count limit exceed')
      }
      try {
        await this.run.navigate(method as 'navigateTo', url.startsWith('/') ? url : `/${url}`)
      } catch (error) {
        throw new ProtocolError(messageOf(error))
      }
    }
    return { errMsg: `${method}:ok` }
  }

  /**
   * Replaces (or, without result and function, restores) `wx[method]`: Taro reads the
   * property at call time. A result is what the API answers (to `success`, or returned
   * by a `*Sync` API); a function runs in the app's logic context with the call's
   * arguments and the extra `args`, `this.origin` being the real API.
   */
  private mockWxMethod(p: Params): void {
    const method = String(p.method)
    if (p.pluginId !== undefined) {
      throw new ProtocolError(weappUnsupportedMessage(`App.mockWxMethod(plugin ${method})`))
    }
    const wx = this.wx
    if (!this.originals.has(method)) {
      if (typeof wx[method] !== 'function') throw new ProtocolError(`wx.${method} does not exist`)
      this.originals.set(method, wx[method])
    }
    const origin = this.originals.get(method) as AnyFunction
    const { context } = this.run
    let answer: (args: unknown[]) => unknown
    if (typeof p.functionDeclaration === 'string') {
      const fn = this.evaluate(p.functionDeclaration, `mockWxMethod(${method})`)
      const extra = context.toContext(Array.isArray(p.args) ? p.args : [])
      const self = { origin: (...args: unknown[]) => origin.apply(wx, args) }
      answer = (args) => fn.apply(self, [...args, ...(extra as unknown[])])
    } else if ('result' in p) {
      const json = JSON.stringify(p.result ?? null)
      answer = () => context.fromJson(json)
    } else {
      wx[method] = origin
      this.originals.delete(method)
      return
    }
    if (method.endsWith('Sync')) {
      wx[method] = (...args: unknown[]) => answer(args)
      return
    }
    wx[method] = (...args: unknown[]) => {
      const options = (args[0] && typeof args[0] === 'object' ? args[0] : {}) as Callbacks
      void Promise.resolve()
        .then(() => answer(args))
        .then(
          (result) =>
            context.guard(`wx.${method} (mocked)`, () => {
              options.success?.(result)
              options.complete?.(result)
            }),
          (error: unknown) => {
            const failure = context.toContext({ errMsg: `${method}:fail ${messageOf(error)}` })
            context.guard(`wx.${method} (mocked)`, () => {
              options.fail?.(failure)
              options.complete?.(failure)
            })
          },
        )
      return undefined
    }
  }

  /**
   * The harness has no layout: the image is a white frame of the viewport's size with
   * the current page's canvases as the app drew them, stacked from the top (each
   * centred, scaled down to fit the width), so a QR code on screen can be scanned.
   */
  private screenshot(): Buffer {
    const { width, height } = this.viewport
    const png = new PNG({ width, height })
    png.data.fill(255)
    let top = 16
    for (const id of this.run.canvasIds) {
      const standIn = this.run.canvas(id)
      if (!standIn || !this.run.query(`#${id}`)) continue
      const raster = standIn.rasterize()
      if (raster.width === 0 || raster.height === 0) continue
      const scale = Math.min(1, (width - 32) / raster.width)
      const w = Math.floor(raster.width * scale)
      const h = Math.floor(raster.height * scale)
      const left = Math.floor((width - w) / 2)
      for (let y = 0; y < h && top + y < height; y++) {
        for (let x = 0; x < w; x++) {
          const from = (Math.floor(y / scale) * raster.width + Math.floor(x / scale)) * 4
          const to = ((top + y) * width + left + x) * 4
          png.data[to] = raster.data[from]!
          png.data[to + 1] = raster.data[from + 1]!
          png.data[to + 2] = raster.data[from + 2]!
          png.data[to + 3] = 255
        }
      }
      top += h + 16
      if (top >= height) break
    }
    return PNG.sync.write(png)
  }
}

/**
 * A custom component's node: registered under its own id (`is`) with a shadow tree. The
 * harness's built-in components (`view`, `text`…) have a shadow tree but no `is`.
 */
function isCustomComponent(node: ExparserNode): boolean {
  return Boolean(node.is) && node.shadowRoot !== undefined
}

/** A callback-style call: its first argument is an options object. */
function isOptionsCall(args: unknown[]): boolean {
  return args.length === 0 || (args[0] !== null && typeof args[0] === 'object')
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
