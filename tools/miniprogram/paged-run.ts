import type { MiniContext, RunProblem } from './context'
import { type MiniNode, pageJson, type PageStack, waitFor } from './run'

/** What a run's pages carry for navigation: a route and its query. */
interface RoutedPage {
  route: string
  query: Record<string, string>
}

/**
 * What every harness run does the same way whatever renders its pages (`WeappRun` through
 * WeChat's own wcc + exparser, `TreeRun` through the resolved setData tree): the page
 * stack and its navigation, the pull-down gesture, the network switch, and waiting for an
 * element. A run says how its pages are called, queried and described.
 */
export abstract class PagedRun<P extends RoutedPage, N extends MiniNode = MiniNode> {
  abstract readonly context: MiniContext
  protected abstract readonly nav: PageStack<P>
  protected abstract readonly distDir: string
  protected readonly networkListeners = new Set<(status: unknown) => void>()
  private offlineState = false

  /** The page config key that enables the pull-down gesture on this platform. */
  protected abstract readonly pullDownKey: string
  /** What `onNetworkStatusChange` listeners hear on this platform. */
  protected abstract networkStatus(offline: boolean): { isConnected: boolean; networkType: string }
  protected abstract callPage(page: P, name: string): void
  abstract query(selector: string): N | null
  abstract describe(): string

  /** The page on top of the stack. */
  get currentPage(): P {
    const top = this.nav.top
    if (!top) throw new Error('no page is open')
    return top
  }

  get pageStack(): RoutedPage[] {
    return this.nav.pages.map(({ route, query }) => ({ route, query }))
  }

  /** Waits for queued navigations (navigateTo and friends are asynchronous). */
  settled(): Promise<void> {
    return this.nav.settled()
  }

  async navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch', url: string): Promise<void> {
    await this.nav.go(kind, url)
  }

  async navigateBack(delta = 1): Promise<void> {
    await this.nav.back(delta)
  }

  pullDownRefresh(): boolean {
    const page = this.currentPage
    if (pageJson(this.distDir, page.route)[this.pullDownKey] !== true) return false
    this.callPage(page, 'onPullDownRefresh')
    return true
  }

  /** Cuts or restores the network: requests fail, and network-status listeners hear it. */
  setOffline(offline: boolean): void {
    if (this.offlineState === offline) return
    this.offlineState = offline
    const status = this.networkStatus(offline)
    for (const listener of this.networkListeners) {
      this.context.guard('onNetworkStatusChange', () => listener(status))
    }
  }

  get offline(): boolean {
    return this.offlineState
  }

  /** Problems so far: console errors, uncaught exceptions, template warnings. */
  get problems(): RunProblem[] {
    return this.context.problems
  }

  waitFor<T>(what: string, predicate: () => T | null | undefined | false, timeoutMs?: number) {
    return waitFor(what, predicate, timeoutMs, () => this.describe())
  }

  /** Waits for an element of the current page and returns it. */
  element(selector: string, timeoutMs?: number): Promise<N> {
    return this.waitFor(
      `${selector} on ${this.currentPage.route}`,
      () => this.query(selector),
      timeoutMs,
    )
  }
}
