import fs from 'node:fs'
import path from 'node:path'

import type { CanvasStandIn } from './canvas'
import type { RunProblem } from './context'
import type { ApiCall, StoredValue } from './wx-api'

/** An element of a rendered (WeChat) or resolved (Alipay) page, as a QA script sees it. */
export interface MiniNode {
  readonly id: string
  /** `view`, `text`, `button`, `canvas` … */
  readonly tagName: string
  /** The attribute as the platform's template binds it; null when it binds none. */
  attribute(name: string): string | null
  text(): string
  tap(): Promise<void>
  input(value: string): Promise<void>
}

/** One launch of a mini-program build in the harness; the same surface on every target. */
export interface MiniRun {
  readonly target: 'weapp' | 'alipay' | 'jd'
  readonly calls: ApiCall[]
  readonly storage: Map<string, StoredValue>
  readonly problems: RunProblem[]
  readonly pageStack: Array<{ route: string; query: Record<string, string> }>
  query(selector: string): MiniNode | null
  queryAll(selector: string): MiniNode[]
  waitFor<T>(
    what: string,
    predicate: () => T | null | undefined | false,
    timeoutMs?: number,
  ): Promise<T>
  element(selector: string, timeoutMs?: number): Promise<MiniNode>
  canvas(id: string): CanvasStandIn | undefined
  setOffline(offline: boolean): void
  navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch', url: string): Promise<void>
  navigateBack(delta?: number): Promise<void>
  /**
   * The cardholder's pull-down gesture on the top page: the platform calls the page's
   * `onPullDownRefresh` only when the page's config enables it. False when it does not.
   */
  pullDownRefresh(): boolean
  describe(): string
  close(): void
}

/** Polls `predicate` every 20 ms until it holds; bounded, with the page in the error. */
export async function waitFor<T>(
  what: string,
  predicate: () => T | null | undefined | false,
  timeoutMs = 15_000,
  describe: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = predicate()
    if (value) return value
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** What a page stack needs from its run: open a route, and a page's lifecycle calls. */
export interface PageHost<P> {
  has(route: string): boolean
  /** Creates the page, pushes it with `push`, and runs onLoad / onShow / onReady. */
  open(route: string, query: Record<string, string>, push: (page: P) => void): Promise<void>
  unload(page: P): void
  hide(page: P): void
  show(page: P): void
}

/**
 * A mini-program's page stack: navigateTo hides the top page, redirectTo unloads it,
 * reLaunch unloads them all, navigateBack unloads `delta` pages and shows the one below.
 * Route calls run one after another, as the platform queues them.
 */
export class PageStack<P> {
  readonly pages: P[] = []
  private chain: Promise<void> = Promise.resolve()

  constructor(private readonly host: PageHost<P>) {}

  get top(): P | undefined {
    return this.pages[this.pages.length - 1]
  }

  open(route: string, query: Record<string, string>): Promise<void> {
    return this.queue(() => this.host.open(route, query, (page) => this.pages.push(page)))
  }

  go(kind: string, url: string): Promise<void> {
    const [pathPart = '', search = ''] = url.split('?')
    const route = pathPart.replace(/^\//, '')
    const query = Object.fromEntries(new URLSearchParams(search))
    if (!this.host.has(route)) {
      return Promise.reject({ errMsg: `${kind}:fail page "${route}" is not found` })
    }
    return this.queue(async () => {
      const top = this.top
      if (kind === 'navigateTo') {
        if (top) this.host.hide(top)
      } else if (kind === 'redirectTo') {
        if (top) this.host.unload(this.pages.pop()!)
      } else {
        this.unloadAll()
      }
      await this.host.open(route, query, (page) => this.pages.push(page))
    })
  }

  back(delta = 1): Promise<void> {
    return this.queue(async () => {
      const count = Math.min(Math.max(1, delta), this.pages.length - 1)
      for (let i = 0; i < count; i++) this.host.unload(this.pages.pop()!)
      if (this.top) this.host.show(this.top)
    })
  }

  /** Waits for the queued route calls. */
  settled(): Promise<void> {
    return this.chain
  }

  unloadAll(): void {
    while (this.pages.length) this.host.unload(this.pages.pop()!)
  }

  private queue(step: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(step, step)
    return this.chain
  }
}

/** A page's built config (`<route>.json`): what the platform reads of the page. */
export function pageJson(distDir: string, route: string): Record<string, unknown> {
  const file = path.join(distDir, `${route}.json`)
  return fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {}
}
