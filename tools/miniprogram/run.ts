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
