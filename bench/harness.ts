import fs from 'node:fs'
import path from 'node:path'

import { LIGHT } from '../src/lib/codes'
import { BUILD_ISSUER, FRAMES, type Issuer, startIssuer } from '../test/miniprogram/support'
import { resetSandbox } from '../test/support/sandbox-controls'
import { type PageRecord, WeappRun } from '../tools/miniprogram'
import { fmt, median } from './lib'

/** WeChat's audit limit for one `setData` payload (体验评分: 单次 setData 数据量). */
export const SETDATA_LIMIT_BYTES = 256 * 1024
/** WeChat's audit limit for a page's WXML nodes: fewer than this many. */
export const WXML_NODE_LIMIT = 1000

/** The pages measured: home (all three widgets) and each widget's own page. */
export const HARNESS_PAGES = [
  'pages/home/index',
  'pages/balance/index',
  'pages/pay-code/index',
  'pages/bill/index',
] as const

export type HarnessPage = (typeof HARNESS_PAGES)[number]

/**
 * How long a run stays open after its headline showed: the updates that follow it (the
 * pay code's offline seed is asked for 1 s after the first code, countdowns tick) count
 * towards the largest setData and the node count, as they would in a page left open.
 */
const SETTLE_MS = 2_000
/** Bound on one run's wait for its headline figure. */
const HEADLINE_TIMEOUT_MS = 20_000

export interface HarnessRow {
  page: HarnessPage
  /** Largest single setData payload of the page (JSON bytes), the worst of the runs. */
  largestSetDataBytes: number
  setDataCalls: number
  withinSetDataLimit: boolean
  /** Rendered WXML elements once the widget is ready (the most of the runs). */
  wxmlNodes: number
  withinNodeLimit: boolean
  /** Median ms from the page's onLoad to its headline figure on screen (host clock). */
  headlineMs?: number
  /** Runs in which the headline showed (those that timed out count in no figure). */
  samples: number
  /** Console errors and exceptions the runs reported (each run's, summed). */
  problems: number
}

export interface HarnessResult {
  distDir: string
  frame: 'phone'
  persona: 'good'
  runs: number
  settleMs: number
  pages: HarnessRow[]
}

const status = (run: WeappRun, id: string) => run.query(`#${id}`)?.attribute('data-status')
const hasDigit = (run: WeappRun, selector: string) => /\d/.test(run.query(selector)?.text() ?? '')

const balanceShown = (run: WeappRun) =>
  status(run, 'balance-card') === 'ready' && hasDigit(run, '#balance-available')
// "drawn" alone is not enough: the canvas is drawn blank, and says so, before a code
// exists, so the QR counts once the stand-in holds a dark module.
const qrShown = (run: WeappRun) =>
  status(run, 'paycode-card') === 'online' &&
  status(run, 'paycode-qr') === 'drawn' &&
  (run.canvas('paycode-qr')?.calls.some((c) => c.fillStyle !== LIGHT) ?? false)
const billShown = (run: WeappRun) => hasDigit(run, '#bill-statement-amount')

/** The headline figure of each page, as the cardholder would first read it. */
const HEADLINE: Record<HarnessPage, (run: WeappRun) => boolean> = {
  'pages/home/index': (run) => balanceShown(run) && qrShown(run) && billShown(run),
  'pages/balance/index': balanceShown,
  'pages/pay-code/index': qrShown,
  'pages/bill/index': billShown,
}

interface RunFigures {
  headlineMs?: number
  largestBytes: number
  calls: number
  nodes: number
  problems: number
}

/** One launch of `page`: onLoad → headline, then the setData and node figures at rest. */
async function measureOnce(distDir: string, issuer: Issuer, page: HarnessPage) {
  let shownAt: number | undefined
  let record: PageRecord | undefined
  let nodesAtHeadline = 0
  let stop: () => void = () => undefined
  const headline = HEADLINE[page]
  const run = await WeappRun.launch({
    distDir,
    loginCode: 'sandbox:good',
    path: page,
    query: { frame: 'phone' },
    device: FRAMES.phone,
    issuer: { from: BUILD_ISSUER, to: issuer.sandbox.base },
  })
  try {
    record = run.currentPage
    const check = () => {
      if (shownAt !== undefined || !headline(run)) return
      shownAt = performance.now()
      nodesAtHeadline = run.nodeCount(record)
    }
    // setData calls made before launch() returned (onLoad, onShow, onReady) are caught
    // by the check right after it: a headline needs the issuer, so it is never among them.
    stop = run.onSetData((p) => {
      if (p === record) check()
    })
    check()
    await run
      .waitFor(`the headline of ${page}`, () => shownAt !== undefined, HEADLINE_TIMEOUT_MS)
      .catch(() => undefined)
    if (shownAt === undefined) console.warn(`${page}: no headline within ${HEADLINE_TIMEOUT_MS} ms`)
    else await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    const stats = run.setData.get(page)
    const figures: RunFigures = {
      headlineMs: shownAt === undefined ? undefined : shownAt - record.loadedAt,
      largestBytes: stats?.largestBytes ?? 0,
      calls: stats?.calls ?? 0,
      nodes: Math.max(nodesAtHeadline, run.nodeCount(record)),
      problems: run.problems.length,
    }
    if (run.problems.length > 0) {
      console.warn(
        `${page}: the run reported ${run.problems.map((p) => `${p.kind}: ${p.message.split('\n')[0]}`).join('; ')}`,
      )
    }
    return figures
  } finally {
    stop()
    run.close()
  }
}

/**
 * The production WeChat build in the mini-program runtime harness (tools/miniprogram:
 * WeChat's `wcc` and exparser in Node), against a sandbox issuer of its own on
 * 127.0.0.1 over real HTTP, as persona `good` in the phone frame: per page, the largest
 * single setData payload and the rendered WXML nodes against WeChat's audit limits, and
 * onLoad → headline figure (median of `runs`). The issuer is reset after every run, so
 * each starts from the seeded state. Timings are reported, never asserted.
 */
export async function weappHarness(distDir: string, runs: number): Promise<HarnessResult> {
  if (!fs.existsSync(path.join(distDir, 'app.json'))) {
    throw new Error(`no WeChat build in ${distDir} (npm run build:weapp)`)
  }
  const issuer = await startIssuer()
  try {
    const pages: HarnessRow[] = []
    for (const page of HARNESS_PAGES) {
      const all: RunFigures[] = []
      for (let i = 0; i < runs; i += 1) {
        all.push(await measureOnce(distDir, issuer, page))
        await resetSandbox(issuer.sandbox.base)
      }
      const largest = all.reduce((a, b) => (b.largestBytes > a.largestBytes ? b : a))
      const nodes = Math.max(...all.map((f) => f.nodes))
      const times = all.flatMap((f) => (f.headlineMs === undefined ? [] : [f.headlineMs]))
      pages.push({
        page,
        largestSetDataBytes: largest.largestBytes,
        setDataCalls: largest.calls,
        withinSetDataLimit: largest.largestBytes <= SETDATA_LIMIT_BYTES,
        wxmlNodes: nodes,
        withinNodeLimit: nodes < WXML_NODE_LIMIT,
        headlineMs: median(times),
        samples: times.length,
        problems: all.reduce((sum, f) => sum + f.problems, 0),
      })
    }
    return { distDir, frame: 'phone', persona: 'good', runs, settleMs: SETTLE_MS, pages }
  } finally {
    await issuer.close()
  }
}

const HEADLINE_LABEL: Record<HarnessPage, string> = {
  'pages/home/index': 'all three',
  'pages/balance/index': 'available credit',
  'pages/pay-code/index': 'QR drawn (online)',
  'pages/bill/index': 'statement amount',
}

/** The "Mini-program runtime (WeChat harness)" section of RESULTS.md. */
export function renderHarness(h: HarnessResult, root: string): string[] {
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**')
  return [
    '## Mini-program runtime (WeChat harness)',
    '',
    `The production WeChat build (\`${path.relative(root, h.distDir) || h.distDir}\`) in the mini-program runtime harness (tools/miniprogram: WeChat's \`wcc\` and exparser in Node, no CPU slowdown), against a sandbox issuer on 127.0.0.1 over HTTP, persona \`${h.persona}\`, ${h.frame} frame; ${h.runs} runs per page, each left open ${h.settleMs / 1000} s after its headline.`,
    '',
    '| page | largest setData | ≤ 256 KB | WXML nodes | < 1,000 | onLoad → headline ms | runs |',
    '|---|---:|---|---:|---|---|---:|',
    ...h.pages.map(
      (p) =>
        `| ${p.page} | ${fmt.kib(p.largestSetDataBytes)} (${p.largestSetDataBytes} B, ${p.setDataCalls} calls) | ${yes(p.withinSetDataLimit)} | ${p.wxmlNodes} | ${yes(p.withinNodeLimit)} | ${p.headlineMs === undefined ? 'n/a' : p.headlineMs.toFixed(0)} (${HEADLINE_LABEL[p.page]}) | ${p.samples}/${h.runs} |`,
    ),
    '',
    "Largest setData: the biggest single payload as JSON bytes, WeChat's per-call audit limit 256 KB (the worst of the runs; calls: that run's count). WXML nodes: rendered elements through Taro's `comp` shadow trees, not text or virtual (`block`/`wx:if`) nodes (the most of the runs). onLoad → headline: host time from the page's onLoad to the setData that put the figure on screen, median (balance: `#balance-card` ready and `#balance-available` shows an amount; pay code: `#paycode-card` online and `#paycode-qr` drawn with a dark module; bill: `#bill-statement-amount` shows a digit; home: all three). It includes the sign-in and issuer round trips on loopback; a device's thread split and rendering are not modelled.",
  ]
}

/** One status line for the console: WeChat's audit limits, reported. */
export function harnessStatus(h: HarnessResult): string {
  const over = h.pages.filter((p) => !p.withinSetDataLimit || !p.withinNodeLimit)
  return over.length === 0
    ? 'WeChat audit limits (setData ≤ 256 KB per call, < 1,000 WXML nodes per page): within'
    : `WeChat audit limits (setData ≤ 256 KB per call, < 1,000 WXML nodes per page): OVER: ${over.map((p) => `${p.page} ${fmt.kib(p.largestSetDataBytes)}, ${p.wxmlNodes} nodes`).join('; ')}`
}
