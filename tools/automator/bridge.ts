import fs from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'

import type { SandboxOptions } from '../../sandbox/app'
import { frameById, type FrameId } from '../../src/lib/frame'
import { launchChromium } from '../lib/chromium'
import { type RunningServer, serve } from '../serve'

const root = path.resolve(__dirname, '..', '..')

/** The agent build (`npm run build:h5:agent`), the default app the bridge serves. */
export const AGENT_DIST = path.join(root, 'dist', 'h5-agent')

export const BRIDGE_VERSION = '0.1.0'

export interface Viewport {
  width: number
  height: number
}

export interface AutomatorBridgeOptions {
  /** A built H5 app that carries the agent (default dist/h5-agent). */
  distDir?: string
  /** WebSocket port; 0 (the default) picks a free one. */
  port?: number
  host?: string
  /** Browser viewport in CSS px (default the phone frame, 375 × 812). */
  viewport?: Viewport
  /** A frame of src/lib/frame.ts (e.g. `watch-round-l`, 466 × 466); wins over `viewport`. */
  frame?: FrameId
  /** Sandbox issuer options (default: a fresh in-memory sandbox). */
  sandbox?: SandboxOptions
  /** Called once the bridge has shut down (Tool.close, or close()). */
  onClosed?: () => void
}

export interface AutomatorBridge {
  /** Which build the bridge drives: the H5 agent build, or the production WeChat build. */
  backend: 'h5' | 'weapp'
  /** `ws://127.0.0.1:<port>`: pass it to `automator.connect({ wsEndpoint })`. */
  wsEndpoint: string
  /** Origin of the served app and sandbox issuer (weapp: the sandbox issuer alone). */
  appUrl: string
  /** Origin of the bridge's own sandbox issuer (Tool.getInfo says it as `issuer`). */
  issuerUrl: string
  viewport: Viewport
  /** Called with the number of connected clients whenever one connects or leaves. */
  onConnections(listener: (count: number) => void): void
  close(): Promise<void>
}

export type Params = Record<string, unknown>
export type AgentAnswer = { result: unknown } | { error: { message: string } }

/** Methods the in-page agent answers; anything else not handled here is unsupported. */
const AGENT_METHODS = new Set([
  'App.getCurrentPage',
  'App.getPageStack',
  'App.callWxMethod',
  'App.mockWxMethod',
  'App.callFunction',
  'App.addBinding',
  'App.enableLog',
  'Page.getElement',
  'Page.getElements',
  'Page.getData',
  'Element.getElement',
  'Element.getElements',
  'Element.getDOMProperties',
  'Element.getAttributes',
  'Element.getStyles',
  'Element.getOffset',
  'Element.tap',
  'Element.touchstart',
  'Element.touchmove',
  'Element.touchend',
  'Element.triggerEvent',
  'Element.callFunction',
])

const AGENT_READY_MS = 20_000

export function unsupportedMessage(method: string): string {
  return `${method} is not supported on H5 by the Cardlet automator bridge`
}

/** The viewport for the options: a frame id, an explicit size, or the phone. */
export function resolveViewport(
  options: Pick<AutomatorBridgeOptions, 'frame' | 'viewport'>,
): Viewport {
  if (options.frame) {
    const frame = frameById(options.frame)
    if (!frame) throw new Error(`unknown frame ${options.frame}`)
    return { width: frame.width, height: frame.height }
  }
  return options.viewport ?? { width: 375, height: 812 }
}

/**
 * A WebSocket server speaking the miniprogram-automator protocol (JSON
 * `{id, method, params}` → `{id, result}` | `{id, error: {message}}`, events without id)
 * for the H5 test build in headless Chromium. Pages, elements, mocks and evaluate are
 * answered by the in-page agent (src/testing/agent); the tool-level methods
 * (getInfo, screenshot, close, reLaunch's cold start) are answered here.
 */
export async function startAutomatorBridge(
  options: AutomatorBridgeOptions = {},
): Promise<AutomatorBridge> {
  const distDir = path.resolve(options.distDir ?? AGENT_DIST)
  const index = path.join(distDir, 'index.html')
  if (!fs.existsSync(index)) {
    throw new Error(`no H5 agent build at ${distDir}: run \`npm run build:h5:agent\` first`)
  }
  const viewport = resolveViewport(options)
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let protocol: ProtocolServer | undefined
  let closing: Promise<void> | undefined
  // Nobody is connected before the protocol server listens: earlier events have no reader.
  const broadcast = (method: string, params: unknown) => protocol?.broadcast(method, params)

  const close = (): Promise<void> => {
    closing ??= (async () => {
      await protocol?.close()
      await browser?.close().catch(() => undefined)
      await server?.close().catch(() => undefined)
      options.onClosed?.()
    })()
    return closing
  }

  try {
    server = await serve({ distDir, port: 0, ...options.sandbox })
    browser = await launchChromium()
    const context: BrowserContext = await browser.newContext({
      viewport,
      deviceScaleFactor: 1,
      // A mini-program runs on a touch screen: touch events exist, as on a phone or watch.
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    })
    const page: Page = await context.newPage()
    await page.exposeFunction('__cardletAgentEmit', (method: string, params: unknown) =>
      broadcast(method, params),
    )
    const appUrl = server.url
    await page.goto(`${appUrl}/`)
    await agentReady(page)

    const callAgent = async (method: string, params: Params): Promise<AgentAnswer> => {
      try {
        return await page.evaluate(
          ([m, p]) => {
            const agent = window.__cardletAgent
            if (!agent) return { error: { message: 'the page has no automator agent' } }
            return agent.handle(m, p)
          },
          [method, params] as const,
        )
      } catch (error) {
        return { error: { message: (error as Error).message } }
      }
    }

    /** reLaunch cold-starts the web app at the page: a new document, mocks kept (see docs). */
    const reLaunch = async (params: Params): Promise<AgentAnswer> => {
      const args = Array.isArray(params.args) ? (params.args as Params[]) : []
      const resolved = await callAgent('Agent.resolveUrl', {
        method: 'reLaunch',
        url: args[0]?.url,
      })
      if ('error' in resolved) return resolved
      const { url, route } = resolved.result as { url: string; route: string }
      await page.evaluate((hash) => window.history.replaceState(null, '', `#${hash}`), url)
      await page.reload()
      await agentReady(page, route)
      return { result: { result: { errMsg: 'reLaunch:ok' } } }
    }

    const handle = async (method: string, params: Params): Promise<AgentAnswer> => {
      switch (method) {
        case 'Tool.getInfo':
          return {
            result: {
              SDKVersion: 'dev',
              platform: 'h5',
              bridge: `cardlet-automator ${BRIDGE_VERSION}`,
              backend: 'h5',
              issuer: appUrl,
            },
          }
        case 'App.captureScreenshot': {
          const png = await page.screenshot({ type: 'png' })
          return { result: { data: png.toString('base64') } }
        }
        case 'App.callWxMethod':
          if (params.method === 'reLaunch' && params.pluginId === undefined) return reLaunch(params)
          return callAgent(method, params)
        case 'Tool.close':
          setImmediate(() => void close())
          return { result: {} }
        default:
          if (AGENT_METHODS.has(method)) return callAgent(method, params)
          return { error: { message: unsupportedMessage(method) } }
      }
    }

    protocol = await serveProtocol({ host: options.host, port: options.port, handle })
    return {
      backend: 'h5',
      wsEndpoint: protocol.wsEndpoint,
      appUrl,
      issuerUrl: appUrl,
      viewport,
      onConnections: protocol.onConnections,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

export interface ProtocolServer {
  wsEndpoint: string
  /** Sends an event (a frame without id) to every connected client. */
  broadcast(method: string, params: unknown): void
  onConnections(listener: (count: number) => void): void
  close(): Promise<void>
}

/**
 * The automator wire protocol over WebSocket: `{id, method, params}` in, `{id, result}`
 * or `{id, error: {message}}` out, answered by `handle`; events go out without an id.
 */
export async function serveProtocol(options: {
  host?: string
  port?: number
  handle(method: string, params: Params): Promise<AgentAnswer>
}): Promise<ProtocolServer> {
  const host = options.host ?? '127.0.0.1'
  const sockets = new Set<WebSocket>()
  const connectionListeners: ((count: number) => void)[] = []
  const connectionsChanged = () => connectionListeners.forEach((l) => l(sockets.size))
  const wss = new WebSocketServer({ host, port: options.port ?? 0 })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  wss.on('connection', (socket) => {
    sockets.add(socket)
    connectionsChanged()
    socket.on('close', () => {
      sockets.delete(socket)
      connectionsChanged()
    })
    socket.on('message', (data: RawData) => {
      void (async () => {
        let id: unknown
        try {
          const message = JSON.parse(data.toString()) as {
            id?: unknown
            method?: unknown
            params?: Params
          }
          id = message.id
          const answer = await options.handle(String(message.method), message.params ?? {})
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id, ...answer }))
        } catch (error) {
          if (socket.readyState === socket.OPEN) {
            socket.send(JSON.stringify({ id, error: { message: (error as Error).message } }))
          }
        }
      })()
    })
  })
  const address = wss.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  let closing: Promise<void> | undefined
  return {
    wsEndpoint: `ws://${host}:${port}`,
    broadcast(method, params) {
      const frame = JSON.stringify({ method, params })
      for (const socket of sockets) if (socket.readyState === socket.OPEN) socket.send(frame)
    },
    onConnections: (listener) => void connectionListeners.push(listener),
    close() {
      closing ??= (async () => {
        for (const socket of sockets) socket.close()
        await new Promise<void>((resolve) => wss.close(() => resolve()))
      })()
      return closing
    },
  }
}

/** Waits until the agent answers and a page (optionally this route) is on top. */
async function agentReady(page: Page, route?: string): Promise<void> {
  try {
    await page.waitForFunction(
      async (expected) => {
        const agent = window.__cardletAgent
        if (!agent) return false
        const answer = await agent.handle('App.getPageStack', {})
        if (!('result' in answer)) return false
        const stack = (answer.result as { pageStack: { path: string }[] }).pageStack
        const top = stack[stack.length - 1]
        return top !== undefined && (expected === undefined || top.path === expected)
      },
      route,
      { timeout: AGENT_READY_MS, polling: 100 },
    )
  } catch {
    throw new Error(
      `the app at ${page.url()} did not start its automator agent within ${AGENT_READY_MS / 1000} s: serve an agent build (\`npm run build:h5:agent\`)`,
    )
  }
}
