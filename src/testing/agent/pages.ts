import { getCurrentPages } from '@tarojs/taro'

import { persist, state } from './state'

/** A page as the automator protocol names it. */
export interface PageInfo {
  pageId: number
  /** Route without a leading slash, as WeChat reports it: `pages/bill/index`. */
  path: string
  query: Record<string, string>
}

interface StackEntry {
  /** Taro's page path: the route plus a per-instance `stamp`. */
  path?: string
  route?: string
  /** The page's query as Taro parsed it (not URL-decoded, as on WeChat), plus Taro's own keys. */
  $taroParams?: Record<string, unknown>
}

const TARO_KEYS = new Set(['stamp', '$taroTimestamp'])

interface AppConfig {
  pages?: string[]
  tabBar?: { list?: { pagePath: string }[] }
}

// Taro's H5 page path carries a `stamp` unique to the page instance in this document;
// ids come from a counter persisted across documents, so an id is never reused.
const pageIds = new Map<string, number>()

function stack(): StackEntry[] {
  return getCurrentPages() as unknown as StackEntry[]
}

function idFor(key: string): number {
  let id = pageIds.get(key)
  if (id === undefined) {
    id = state.nextPageId++
    pageIds.set(key, id)
    persist()
  }
  return id
}

function describe(entry: StackEntry): PageInfo {
  const full = entry.path ?? entry.route ?? ''
  const [route = ''] = full.split('?')
  const query: Record<string, string> = {}
  for (const [key, value] of Object.entries(entry.$taroParams ?? {})) {
    if (!TARO_KEYS.has(key)) query[key] = String(value)
  }
  return { pageId: idFor(full), path: route.replace(/^\//, ''), query }
}

export function pageStack(): PageInfo[] {
  return stack().map(describe)
}

export function topPage(): PageInfo | undefined {
  const entries = stack()
  const last = entries[entries.length - 1]
  return last ? describe(last) : undefined
}

/** Changes whenever a page is pushed, popped or replaced. */
export function stackSignature(): string {
  return stack()
    .map((entry) => entry.path ?? '')
    .join('|')
}

/** The page's own container (`.taro_page#<path>`): queries never reach hidden earlier pages. */
export function pageRoot(pageId: number): HTMLElement {
  const entry = stack().find((e) => idFor(e.path ?? e.route ?? '') === pageId)
  if (!entry) throw new Error(`page ${pageId} is no longer in the page stack`)
  const root = entry.path ? document.getElementById(entry.path) : null
  if (!root) throw new Error(`page ${pageId} has no rendered container`)
  return root
}

function appConfig(): AppConfig {
  return ((window as unknown as { __taroAppConfig?: AppConfig }).__taroAppConfig ?? {}) as AppConfig
}

export function isTabPage(route: string): boolean {
  const list = appConfig().tabBar?.list ?? []
  return list.some((item) => item.pagePath.replace(/^\//, '') === route)
}

/**
 * Resolves a route call's `url` (absolute, or relative to the top page like WeChat) to
 * `/route?query`, failing as WeChat does when the page does not exist.
 */
export function resolveUrl(method: string, url: unknown): { route: string; url: string } {
  if (typeof url !== 'string' || url === '') throw new Error(`${method}:fail parameter error: url`)
  const [rawPath = '', search] = url.split('?')
  let path = rawPath
  if (!path.startsWith('/')) {
    const base = (topPage()?.path ?? '').split('/').slice(0, -1)
    for (const part of path.split('/')) {
      if (part === '..') base.pop()
      else if (part !== '.' && part !== '') base.push(part)
    }
    path = base.join('/')
  }
  const route = path.replace(/^\/+/, '')
  if (!(appConfig().pages ?? []).includes(route)) {
    throw new Error(`${method}:fail page "${route}" is not found`)
  }
  return { route, url: `/${route}${search !== undefined ? `?${search}` : ''}` }
}
