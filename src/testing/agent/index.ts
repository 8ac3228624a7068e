/**
 * The in-page half of the Cardlet automator bridge (tools/automator): answers the
 * miniprogram-automator protocol methods that need the app (pages, elements, mocks,
 * evaluate, bindings) and forwards console output and uncaught errors. It exists only
 * in the H5 test build (`CARDLET_TEST_AGENT=1`, required from src/app.ts); the bridge
 * calls `window.__cardletAgent.handle(method, params)` and receives events through
 * `window.__cardletAgentEmit`, a function it exposes before any app code runs.
 */
import { navigateBack, navigateTo, redirectTo, switchTab } from '@tarojs/taro'

import {
  attributes,
  domProperties,
  element,
  offset,
  plain,
  queryAll,
  queryOne,
  styles,
  tap,
  touch,
  trigger,
  typeInto,
} from './elements'
import { isTabPage, pageRoot, pageStack, resolveUrl, stackSignature, topPage } from './pages'
import { current, isMockable, MOCKABLE_APIS, type MockSpec, persist, setMock, state } from './state'

type Params = Record<string, unknown>
export type AgentAnswer = { result: unknown } | { error: { message: string } }

declare global {
  interface Window {
    __cardletAgent?: { version: 1; handle(method: string, params: Params): Promise<AgentAnswer> }
    __cardletAgentEmit?: (method: string, params: unknown) => void
  }
}

const MAX_PAGES = 10
const ROUTE_SETTLE_MS = 5_000

export function unsupported(method: string): Error {
  return new Error(`${method} is not supported on H5 by the Cardlet automator bridge`)
}

function emit(method: string, params: unknown): void {
  try {
    window.__cardletAgentEmit?.(method, params)
  } catch {
    // The bridge is gone (closing): nothing to forward to.
  }
}

function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now()
    const check = () => {
      if (condition()) return resolve(true)
      if (Date.now() - started >= timeoutMs) return resolve(false)
      setTimeout(check, 50)
    }
    check()
  })
}

async function route(method: string, options: Params): Promise<unknown> {
  const before = stackSignature()
  const stack = pageStack()
  let run: () => Promise<unknown>
  if (method === 'navigateBack') {
    const delta = typeof options.delta === 'number' ? options.delta : 1
    if (stack.length <= 1) throw new Error('navigateBack:fail cannot navigate back at first page.')
    run = () => navigateBack({ delta })
  } else {
    const target = resolveUrl(method, options.url)
    if (method === 'switchTab') {
      if (!isTabPage(target.route))
        throw new Error('switchTab:fail can not switch to no-tabBar page')
      run = () => switchTab({ url: target.url })
    } else {
      if (isTabPage(target.route)) throw new Error(`${method}:fail can not ${method} a tabbar page`)
      if (method === 'navigateTo' && stack.length >= MAX_PAGES) {
        throw new Error('navigateTo:fail webview count limit exceed')
      }
      run =
        method === 'navigateTo'
          ? () => navigateTo({ url: target.url })
          : () => redirectTo({ url: target.url })
    }
  }
  const result = await run()
  await waitUntil(() => stackSignature() !== before && topPage() !== undefined, ROUTE_SETTLE_MS)
  return plain(result) ?? { errMsg: `${method}:ok` }
}

const ROUTES = new Set(['navigateTo', 'redirectTo', 'navigateBack', 'switchTab'])

async function callWxMethod(params: Params): Promise<unknown> {
  const method = String(params.method)
  const args = Array.isArray(params.args) ? (params.args as unknown[]) : []
  if (params.pluginId !== undefined) throw unsupported(`App.callWxMethod(plugin ${method})`)
  if (ROUTES.has(method)) return route(method, (args[0] ?? {}) as Params)
  if (!isMockable(method)) throw unsupported(`App.callWxMethod(${method})`)
  const fn = current(method)
  if (!fn) throw new Error(`${method} is not available`)
  return plain(await fn(...args))
}

function mockWxMethod(params: Params): void {
  const method = String(params.method)
  if (params.pluginId !== undefined) throw unsupported(`App.mockWxMethod(plugin ${method})`)
  if (!isMockable(method)) {
    throw new Error(
      `App.mockWxMethod(${method}) is not supported on H5 by the Cardlet automator bridge (mockable: ${MOCKABLE_APIS.join(', ')})`,
    )
  }
  if (typeof params.functionDeclaration === 'string') {
    const args = Array.isArray(params.args) ? (params.args as unknown[]) : []
    const spec: MockSpec = { method, functionDeclaration: params.functionDeclaration, args }
    new Function(`return (${spec.functionDeclaration})`) // a syntax error fails here, not in the app
    setMock(spec)
  } else if ('result' in params) {
    setMock({ method, result: params.result })
  } else {
    setMock({ method })
  }
}

async function callFunction(params: Params): Promise<unknown> {
  const declaration = String(params.functionDeclaration)
  const args = Array.isArray(params.args) ? (params.args as unknown[]) : []
  const fn = new Function(`return (${declaration})`)() as (...a: unknown[]) => unknown
  return plain(await fn(...args))
}

function defineBinding(name: string): void {
  ;(window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    emit('App.bindingCalled', { name, args: args.map(plain) })
  }
}

function addBinding(name: string): void {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`invalid binding name ${name}`)
  if (!state.bindings.includes(name)) {
    state.bindings.push(name)
    persist()
  }
  defineBinding(name)
}

/** `page.data()`: the page's test-visible state, read from the documented stable attributes. */
function pageData(pageId: number, path: unknown): unknown {
  const info = pageStack().find((p) => p.pageId === pageId)
  const root = pageRoot(pageId)
  const screen = root.querySelector('[data-frame]')
  const status: Record<string, string> = {}
  root.querySelectorAll('[id][data-status]').forEach((el) => {
    status[el.id] = el.getAttribute('data-status') ?? ''
  })
  const data: Record<string, unknown> = {
    path: info?.path ?? '',
    query: info?.query ?? {},
    frame: screen?.getAttribute('data-frame') ?? null,
    theme: screen?.getAttribute('data-theme') ?? null,
    status,
  }
  if (typeof path !== 'string' || path === '') return data
  let value: unknown = data
  for (const key of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (value === null || typeof value !== 'object') return null
    value = (value as Record<string, unknown>)[key]
  }
  return value ?? null
}

async function dispatch(method: string, p: Params): Promise<unknown> {
  const pageId = Number(p.pageId)
  const elementId = typeof p.elementId === 'string' ? p.elementId : ''
  const names = Array.isArray(p.names) ? (p.names as string[]) : []
  switch (method) {
    case 'App.getCurrentPage': {
      if (!(await waitUntil(() => topPage() !== undefined, ROUTE_SETTLE_MS))) {
        throw new Error('no page is open')
      }
      return topPage()
    }
    case 'App.getPageStack':
      return { pageStack: pageStack() }
    case 'App.callWxMethod':
      return { result: await callWxMethod(p) }
    case 'App.mockWxMethod':
      mockWxMethod(p)
      return {}
    case 'App.callFunction':
      return { result: await callFunction(p) }
    case 'App.addBinding':
      addBinding(String(p.name))
      return {}
    case 'App.enableLog':
      state.logEnabled = true
      persist()
      return {}
    case 'Agent.resolveUrl':
      return resolveUrl(String(p.method), p.url)
    case 'Page.getElement':
      return queryOne(pageId, String(p.selector))
    case 'Page.getElements':
      return { elements: queryAll(pageId, String(p.selector)) }
    case 'Page.getData':
      return { data: pageData(pageId, p.path) }
    case 'Element.getElement':
      return queryOne(pageId, String(p.selector), elementId)
    case 'Element.getElements':
      return { elements: queryAll(pageId, String(p.selector), elementId) }
    case 'Element.getDOMProperties':
      return { properties: domProperties(element(pageId, elementId), names) }
    case 'Element.getAttributes':
      return { attributes: attributes(element(pageId, elementId), names) }
    case 'Element.getStyles':
      return { styles: styles(element(pageId, elementId), names) }
    case 'Element.getOffset':
      return offset(element(pageId, elementId))
    case 'Element.tap':
      tap(element(pageId, elementId))
      return {}
    case 'Element.touchstart':
    case 'Element.touchmove':
    case 'Element.touchend':
      touch(
        element(pageId, elementId),
        method.slice('Element.'.length) as 'touchstart',
        p as { touches?: []; changedTouches?: [] },
      )
      return {}
    case 'Element.triggerEvent':
      trigger(element(pageId, elementId), String(p.type), p.detail)
      return {}
    case 'Element.callFunction': {
      const name = String(p.functionName)
      if (name !== 'input.input' && name !== 'textarea.input') {
        throw unsupported(`Element.callFunction(${name})`)
      }
      const args = Array.isArray(p.args) ? (p.args as unknown[]) : []
      typeInto(element(pageId, elementId), name === 'input.input' ? 'input' : 'textarea', args[0])
      return { result: null }
    }
    default:
      throw unsupported(method)
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  if (error && typeof error === 'object' && 'errMsg' in error) return String(error.errMsg)
  return String(error)
}

/* eslint-disable no-console -- forwarding the app's console is the point here */
function forwardConsole(): void {
  const levels = ['log', 'info', 'warn', 'error', 'debug'] as const
  for (const level of levels) {
    const originalLog = console[level].bind(console)
    console[level] = (...args: unknown[]) => {
      originalLog(...args)
      if (state.logEnabled) {
        emit('App.logAdded', {
          type: level,
          args: args.map((a) => (a instanceof Error ? a.message : plain(a))),
        })
      }
    }
  }
  window.addEventListener('error', (event) => {
    const error = event.error as Error | undefined
    emit('App.exceptionThrown', {
      message: error?.message ?? event.message,
      stack: error?.stack ?? '',
    })
  })
  window.addEventListener('unhandledrejection', (event) => {
    const reason = event.reason as unknown
    emit('App.exceptionThrown', {
      message: messageOf(reason),
      stack: reason instanceof Error ? (reason.stack ?? '') : '',
    })
  })
}

/* eslint-enable no-console */

function install(): void {
  if (window.__cardletAgent) return
  forwardConsole()
  state.bindings.forEach(defineBinding)
  window.__cardletAgent = {
    version: 1,
    async handle(method, params) {
      try {
        return { result: (await dispatch(method, params ?? {})) ?? {} }
      } catch (error) {
        return { error: { message: messageOf(error) } }
      }
    },
  }
}

install()
