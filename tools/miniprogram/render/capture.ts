import type { DrawCall } from '../canvas'
import type { TreeRun } from '../tree-run'
import type { ComponentData, WeappRun } from '../weapp'
import { harnessTree, resolvedHarnessTree, type TreeNode } from './tree'

/**
 * A run the renderer draws from: WeChat's (wcc + exparser render the page) or Alipay's
 * and JD's (Taro's data tree resolved against the build's base template).
 */
export type HarnessRun = WeappRun | TreeRun

/** What a `<canvas>` showed at the end of the run: its backing size and the draws on it. */
export interface CanvasCapture {
  id: string
  width: number
  height: number
  calls: DrawCall[]
}

/** A page of the harness's run, as the renderer needs it. */
export interface PageCapture {
  route: string
  /** The page's data after its last `setData` (Taro's `root` tree), through JSON. */
  data: Record<string, unknown>
  /**
   * Its custom components' data in tree order (WeappRun.components): a host page's own
   * components, Cardlet's embedded widgets, Taro's `comp`. Alipay and JD runs list none.
   */
  components: ComponentData[]
  canvases: CanvasCapture[]
  /**
   * The harness's own tree of it (wcc + exparser for WeChat, the resolved data tree for
   * Alipay and JD), to compare with glass-easel's.
   */
  tree: TreeNode[]
}

/** The widget cards a page may hold; each says `loading` until its data has arrived. */
const CARDS = ['#balance-card', '#bill-card', '#paycode-card'] as const

/**
 * True once what the page shows has arrived: every widget card on it has left
 * `loading`, and every code canvas has drawn its code (a blank canvas is one fill; a
 * code is many) or given up (`too-small`, `unavailable`).
 */
export function widgetsSettled(run: HarnessRun): boolean {
  for (const card of CARDS) {
    const status = run.query(card)?.attribute('data-status')
    if (status === 'loading') return false
  }
  for (const id of ['paycode-qr', 'paycode-barcode']) {
    const status = run.query(`#${id}`)?.attribute('data-status')
    if (status === undefined || status === null) continue
    if (status === 'pending') return false
    if (status === 'drawn' && (run.canvas(id)?.calls.length ?? 0) <= 1) return false
  }
  return true
}

/** How long the page must go without a `setData` before it counts as still. */
const QUIET_MS = 300

/**
 * Waits until `ready(run)` holds and the page has then gone `QUIET_MS` without a
 * `setData` (a late list or time stamp has landed; a countdown's once-a-second tick
 * leaves such gaps).
 */
export async function settle(
  run: HarnessRun,
  ready: (run: HarnessRun) => boolean = widgetsSettled,
  timeoutMs = 20_000,
): Promise<void> {
  let lastSetData = performance.now()
  const stop = run.onSetData(() => {
    lastSetData = performance.now()
  })
  try {
    await run.waitFor(
      'the page to settle',
      () => ready(run) && performance.now() - lastSetData >= QUIET_MS,
      timeoutMs,
    )
  } finally {
    stop()
  }
}

/** The current page once it has settled: its data, canvases and tree. */
export async function capturePage(
  run: HarnessRun,
  ready: (run: HarnessRun) => boolean = widgetsSettled,
): Promise<PageCapture> {
  await settle(run, ready)
  const page = run.currentPage
  return {
    route: page.route,
    data: JSON.parse(JSON.stringify(page.instance.data)) as Record<string, unknown>,
    components:
      run.target === 'weapp'
        ? (JSON.parse(JSON.stringify(run.components())) as ComponentData[])
        : [],
    canvases: run.canvasIds.map((id) => {
      const canvas = run.canvas(id)!
      return { id, width: canvas.width, height: canvas.height, calls: [...canvas.calls] }
    }),
    tree: run.target === 'weapp' ? harnessTree(run) : resolvedHarnessTree(run),
  }
}
