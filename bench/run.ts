import { execSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { code128, drawModules, type ModuleContext, qrMatrix } from '../src/lib/codes'
import { offlinePayCode, type OfflineSeed } from '../src/lib/totp'
import { DIST } from '../test/miniprogram/support'
import { PACKAGE_LIMIT_BYTES } from '../tools/lib/package-size'
import { runMain } from '../tools/lib/run-main'
import {
  CPU_SLOWDOWN,
  firstContentfulPaint,
  jsHeapUsed,
  launchBrowser,
  loadedFiles,
  serveBuild,
  throttledPage,
  timeUntil,
} from './browser'
import { type HarnessResult, harnessStatus, renderHarness, weappHarness } from './harness'
import { fmt, median, outDir, quantile, ratio, ROOT, type WebTarget } from './lib'
import { balanceShown, offlineQr, onlineQr, RECORDER, seedProvisioned } from './recorder'
import {
  buildAll,
  buildEmbeds,
  EMBED_FLOOR_FACTOR,
  type EmbedSizeRow,
  embedSizes,
  H5_RATIO_TARGET,
  h5Transfer,
  HEADLINE_RATIO_TARGET,
  KNOWN_MISSES,
  MINI_RATIO_BUDGET,
  type MiniPackageRow,
  miniSizes,
  WIDGET_PAGES,
} from './sizes'

/**
 * `npm run bench`: the floor (a bare Taro + React + NutUI page) and Cardlet, built in the same
 * run for weapp, alipay, jd, h5 and harmony-hybrid, and the embed floor (a bare Taro +
 * React native component) and Cardlet's embed folder for weapp, jd and alipay; sizes
 * (packages for the mini-programs and the harmony-hybrid bundle, the embed folder per
 * widget against the embed floor, first-load transfer per widget page for
 * h5 and harmony-hybrid, the latter outside a container), then H5 timings in chromium at 466 × 466 with the
 * CPU slowed 6× and caching off (median of PAGE_RUNS), then pay-code costs, then the WeChat
 * build in the mini-program runtime harness (bench/harness.ts: largest setData and WXML
 * nodes per page against WeChat's audit limits, onLoad → headline). Results go to
 * bench/results.json and bench/RESULTS.md. Timings are reported, never asserted.
 *
 * `npm run bench:sizes` builds and measures sizes only (deterministic: CI runs it). The
 * platforms' 2 MB package limit is reported here and gated in one place, `npm run size`
 * (tools/size.ts). The ratio targets (1.6× the floor per package, 1.25× per H5 page) are
 * reported with their status in every run; `--strict` (CI) enforces them, a package in
 * KNOWN_MISSES (bench/sizes.ts) at its cap, and fails on an embed folder over 2 MB. The
 * embed folder's expected size (within 1.6× the embed floor plus the widgets' own
 * folders) is reported only. `--no-build` measures the builds already in
 * bench/out. BENCH_PAGE_RUNS (21) sets the rounds of page loads for first paint and
 * readiness, BENCH_RUNS (7) the offline and harness runs, and BENCH_WINDOW_MS (60000) the
 * request-counting window.
 *
 * `--harness-only` runs the harness part alone against the existing `dist/weapp` (or
 * CARDLET_WEAPP_DIR), building nothing, and prints its table without writing the results
 * files (they hold a whole run).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7)
// One first paint at CPU ×6 on these 2-core machines swings by ±25 % from load to load
// (the floor alone: 1008–2016 ms in one session), and the ratio of two medians of 7 for
// one unchanged build ranged 0.99–1.31× across three consecutive sets. 21 rounds.
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 21)
const sizesOnly = process.argv.includes('--sizes-only')
const harnessOnly = process.argv.includes('--harness-only')
const strict = process.argv.includes('--strict')

/** First-load transfer of each widget page of a web build, against its floor page. */
async function webSizes(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  target: WebTarget = 'h5',
) {
  const floorServer = await serveBuild('floor', target)
  const appServer = await serveBuild('app', target)
  try {
    const floorFiles = await loadedFiles(
      browser,
      `${floorServer.url}/#/pages/index/index`,
      '#floor',
    )
    const floor = h5Transfer(outDir('floor', target), floorFiles)
    const pages = []
    for (const page of WIDGET_PAGES) {
      const files = await loadedFiles(
        browser,
        `${appServer.url}/#/${page}?persona=good`,
        '.cl-widget-card[data-status]',
      )
      const t = h5Transfer(outDir('app', target), files)
      const r = ratio(t.gzip, floor.gzip) as number
      pages.push({
        page,
        gzip: t.gzip,
        files: t.files.length,
        ratio: r,
        withinTarget: r <= H5_RATIO_TARGET,
      })
    }
    return { floor: { gzip: floor.gzip, files: floor.files.length }, pages }
  } finally {
    await floorServer.close()
    await appServer.close()
  }
}

type WebSizes = Awaited<ReturnType<typeof webSizes>>

async function timings(browser: Awaited<ReturnType<typeof launchBrowser>>) {
  const floorServer = await serveBuild('floor')
  const appServer = await serveBuild('app')
  type Extra = (page: import('playwright-core').Page) => Promise<number | undefined>
  type Samples = { fcp: number[]; ready: number[]; heap: number[] }
  const once = async (url: string, extra: Extra, into: Samples) => {
    const { context, page } = await throttledPage(browser)
    await context.addInitScript(RECORDER)
    await page.goto(url)
    const paint = await firstContentfulPaint(page)
    if (paint !== undefined) into.fcp.push(paint)
    const r = await extra(page)
    if (r !== undefined) into.ready.push(r)
    const h = await jsHeapUsed(context, page)
    if (h !== undefined) into.heap.push(h)
    await context.close()
  }
  const summary = ({ fcp, ready, heap }: Samples) => ({
    fcpMs: median(fcp),
    fcpP25Ms: quantile(fcp, 0.25),
    fcpP75Ms: quantile(fcp, 0.75),
    readyMs: median(ready),
    heapBytes: median(heap),
    samples: fcp.length,
  })
  // Online QR: the end of the first draw with dark modules while the card is online
  // (the canvas is drawn blank, and says "drawn", before a code exists).
  const qrAfterCode: number[] = []
  const page = (url: string, extra: Extra) => ({
    url,
    extra,
    samples: { fcp: [], ready: [], heap: [] } as Samples,
  })
  const pages = {
    floor: page(`${floorServer.url}/#/pages/index/index`, (p) => timeUntil(p, '#floor')),
    balance: page(`${appServer.url}/#/pages/balance/index?persona=good&masked=0`, (p) =>
      balanceShown(p),
    ),
    payCode: page(`${appServer.url}/#/pages/pay-code/index?persona=good`, (p) =>
      onlineQr(p).then((qr) => {
        if (qr.afterCodeMs !== undefined) qrAfterCode.push(qr.afterCodeMs)
        return qr.drawnMs
      }),
    ),
    bill: page(`${appServer.url}/#/pages/bill/index?persona=good`, (p) =>
      timeUntil(p, '#bill-statement-amount', /\d/),
    ),
  }
  try {
    // Round by round, every page once per round: a noisy machine's drift over the run
    // then weighs on the floor and the app alike, not on whichever page ran last.
    for (let i = 0; i < PAGE_RUNS; i += 1) {
      for (const p of Object.values(pages)) await once(p.url, p.extra, p.samples)
    }
    const floor = summary(pages.floor.samples)
    const balance = summary(pages.balance.samples)
    const payCode = summary(pages.payCode.samples)
    const bill = summary(pages.bill.samples)
    // Offline: the seed is provisioned online, then the network is cut (the page gets
    // its offline event) and the widget must draw a TOTP code with no issuer.
    const offlineQrMs: number[] = []
    for (let i = 0; i < RUNS; i += 1) {
      const { context, page } = await throttledPage(browser)
      await context.addInitScript(RECORDER)
      const seed = seedProvisioned(page)
      await page.goto(`${appServer.url}/#/pages/pay-code/index?persona=good`)
      if ((await onlineQr(page)).drawnMs !== undefined && (await seed)?.ok()) {
        const ms = await offlineQr(context, page)
        if (ms !== undefined) offlineQrMs.push(ms)
      }
      await context.close()
    }
    return {
      floor,
      balance,
      payCode,
      bill,
      qrAfterCodeMs: median(qrAfterCode),
      qrAfterCodeSamples: qrAfterCode.length,
      offlineQrAfterCutMs: median(offlineQrMs),
      offlineSamples: offlineQrMs.length,
    }
  } finally {
    await floorServer.close()
    await appServer.close()
  }
}

/** Issuer requests while a pay-code page stays open, online and offline (unthrottled). */
async function requestsPerMinute(browser: Awaited<ReturnType<typeof launchBrowser>>) {
  const server = await serveBuild('app')
  const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 60_000)
  try {
    const measure = async (offline: boolean) => {
      const { context, page } = await throttledPage(browser, false)
      await context.addInitScript(RECORDER)
      let count = 0
      const seed = seedProvisioned(page)
      await page.goto(`${server.url}/#/pages/pay-code/index?persona=good`)
      const shown = (await onlineQr(page)).drawnMs !== undefined && (await seed)?.ok() === true
      if (!shown) {
        await context.close()
        return undefined
      }
      if (offline && (await offlineQr(context, page)) === undefined) {
        await context.close()
        return undefined
      }
      // Attempts count, answered or not: offline, a request the network refuses still
      // wakes the radio.
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/v1/')) count += 1
      })
      await page.waitForTimeout(windowMs)
      await context.close()
      return (count * 60_000) / windowMs
    }
    return { windowMs, online: await measure(false), offline: await measure(true) }
  } finally {
    await server.close()
  }
}

const QR_OPTIONS = { errorCorrection: 'M' } as const

/** CPU cost per operation in Node, median of 9 batches. */
function payCodeCosts() {
  const seed: OfflineSeed = {
    id: 'bench',
    mode: 'offline',
    seed_ref: '000123456',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA1',
    digits: 8,
    period: 30,
    code_prefix: '62',
    valid_until: '2099-01-01T00:00:00Z',
  }
  const ctx: ModuleContext = { fillStyle: '#000', fillRect: () => undefined }
  const perOp = (ops: number, run: (i: number) => void) => {
    const batches: number[] = []
    for (let b = 0; b < 9; b += 1) {
      const start = process.hrtime.bigint()
      for (let i = 0; i < ops; i += 1) run(i)
      batches.push(Number(process.hrtime.bigint() - start) / 1000 / ops)
    }
    return median(batches) as number
  }
  const codes = Array.from({ length: 64 }, (_, i) =>
    offlinePayCode(seed, 1_700_000_000_000 + i * 30_000),
  )
  const matrices = codes.map((code) => qrMatrix(code, QR_OPTIONS))
  return {
    offlineCodeUs: perOp(2000, (i) => offlinePayCode(seed, 1_700_000_000_000 + i * 30_000)),
    // Codes made up front, so the QR figures hold the QR work only.
    qrEncodeUs: perOp(500, (i) => qrMatrix(codes[i % codes.length] as string, QR_OPTIONS)),
    qrDrawUs: perOp(500, (i) => drawModules(ctx, matrices[i % matrices.length]!, 400, 400)),
    qrEncodeAndDrawUs: perOp(500, (i) =>
      drawModules(ctx, qrMatrix(codes[i % codes.length] as string, QR_OPTIONS), 400, 400),
    ),
    barcodeEncodeAndDrawUs: perOp(500, (i) =>
      drawModules(ctx, code128(`62${String(i).padStart(17, '0')}`), 680, 160),
    ),
  }
}

function machine() {
  const chromium = (() => {
    try {
      return execSync('/usr/bin/chromium --version 2>/dev/null', { encoding: 'utf8' }).trim()
    } catch {
      return 'unknown'
    }
  })()
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium,
    platform: `${os.platform()} ${os.release()}`,
  }
}

/** `--harness-only`: the WeChat harness figures of the existing dist/weapp, printed. */
async function harnessMain(): Promise<number> {
  console.log(
    `WeChat build ${path.relative(ROOT, DIST.weapp)} in the runtime harness, ${RUNS} runs per page …`,
  )
  const h = await weappHarness(DIST.weapp, RUNS)
  console.log(['', ...renderHarness(h, ROOT), ''].join('\n'))
  console.log(harnessStatus(h))
  return 0
}

async function main(): Promise<number> {
  if (harnessOnly) return harnessMain()
  console.log(
    'building floor and app for weapp, alipay, jd, h5, harmony-hybrid, embed floor and embed folder for weapp, jd, alipay …',
  )
  // --no-build measures the builds already in bench/out (for iterating on the bench).
  if (!process.argv.includes('--no-build')) {
    await buildAll(['weapp', 'alipay', 'jd', 'h5', 'harmony-hybrid'])
    await buildEmbeds()
  }
  const mini = miniSizes()
  const embed = embedSizes()
  const browser = await launchBrowser()
  let results: Record<string, unknown>
  try {
    const h5 = await webSizes(browser, 'h5')
    const harmonyHybrid = await webSizes(browser, 'harmony-hybrid')
    results = {
      date: new Date().toISOString(),
      machine: machine(),
      mini,
      embed,
      h5,
      harmonyHybrid,
    }
    if (!sizesOnly) {
      console.log(
        `timing at 466×466, CPU ${CPU_SLOWDOWN}× slower, ${PAGE_RUNS} rounds of the pages …`,
      )
      results.timings = await timings(browser)
      results.requestsPerMinute = await requestsPerMinute(browser)
      results.payCodeCost = payCodeCosts()
    }
  } finally {
    await browser.close()
  }
  // After the browser is closed: the harness runs in this process, and times in it.
  if (!sizesOnly) {
    console.log(`WeChat build in the runtime harness, ${RUNS} runs per page …`)
    results.weappHarness = await weappHarness(outDir('app', 'weapp'), RUNS)
  }
  const over2MB = mini.filter((m) => !m.within2MB)
  const embedOver2MB = embed.filter((e) => !e.within2MB)
  const cap = (m: MiniPackageRow) => KNOWN_MISSES[`${m.target} ${m.package}`]
  // A known miss (bench/sizes.ts) is reported, and fails --strict only above its cap.
  const knownMisses = mini.filter((m) => !m.withinRatio && cap(m) !== undefined)
  const overRatio = mini.filter(
    (m) => !m.withinRatio && (cap(m) === undefined || m.ratio > (cap(m) as number)),
  )
  const md = render(results)
  console.log(md)
  if (!sizesOnly) {
    fs.writeFileSync(
      path.join(ROOT, 'bench', 'results.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    )
    fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'), md)
  }
  const web: [string, WebSizes][] = [
    ['h5', results.h5 as WebSizes],
    ['harmony-hybrid', results.harmonyHybrid as WebSizes],
  ]
  const misses = [
    ...overRatio.map(
      (m) =>
        `${m.target} ${m.package} ${fmt.x(m.ratio)} (${fmt.kib(m.raw - MINI_RATIO_BUDGET * m.floorRaw)} over ${MINI_RATIO_BUDGET}× = ${fmt.kib(MINI_RATIO_BUDGET * m.floorRaw)})`,
    ),
    ...web.flatMap(([target, sizes]) =>
      sizes.pages
        .filter((p) => !p.withinTarget)
        .map(
          (p) =>
            `${target} ${p.page} ${fmt.x(p.ratio)} (${fmt.kib(p.gzip - H5_RATIO_TARGET * sizes.floor.gzip)} gzip over ${H5_RATIO_TARGET}× = ${fmt.kib(H5_RATIO_TARGET * sizes.floor.gzip)})`,
        ),
    ),
  ]
  // Statuses, always printed: the platforms' hard limit (gated by `npm run size`, so
  // reported here; --strict fails on an embed folder over it), the embed folders'
  // expectation (reported only) and the ratio targets, which fail the run only with
  // --strict (for CI once the app meets them).
  const overLimit = [
    ...over2MB.map((m) => `${m.target} ${m.package} ${fmt.kib(m.raw)}`),
    ...embedOver2MB.map((e) => `embed-${e.target} cardlet ${fmt.kib(e.total.raw)}`),
  ]
  console.log(
    overLimit.length === 0
      ? 'size limit (2 MB per package and per embed folder, gated by npm run size): within'
      : `size limit (2 MB per package and per embed folder, gated by npm run size): OVER: ${overLimit.join('; ')}`,
  )
  const embedOverExpected = embed.filter((e) => !e.withinExpected)
  console.log(
    embedOverExpected.length === 0
      ? `embed folders (≤ ${EMBED_FLOOR_FACTOR}× embed floor + widgets' own folders; reported): within`
      : `embed folders (≤ ${EMBED_FLOOR_FACTOR}× embed floor + widgets' own folders; reported, never fails): OVER: ${embedOverExpected.map((e) => `${e.target} ${fmt.kib(e.total.raw)} > ${fmt.kib(e.expectedRaw)}`).join('; ')}`,
  )
  console.log(
    misses.length === 0
      ? 'ratio targets (≤ 1.6× floor per package, ≤ 1.25× floor per H5 page): PASS'
      : `ratio targets (≤ 1.6× floor per package, ≤ 1.25× floor per H5 page): MISSED${strict ? '' : ' (reported; --strict fails on it)'}: ${misses.join('; ')}`,
  )
  for (const m of knownMisses) {
    console.log(
      `known miss: ${m.target} ${m.package} ${fmt.x(m.ratio)}, ${fmt.kib(m.raw - MINI_RATIO_BUDGET * m.floorRaw)} over ${MINI_RATIO_BUDGET}×; --strict fails it above ${fmt.x(cap(m))}`,
    )
  }
  if (results.weappHarness) console.log(harnessStatus(results.weappHarness as HarnessResult))
  // An embed folder has no ratio target; --strict fails on it only over the 2 MB limit.
  return strict && (misses.length > 0 || embedOver2MB.length > 0) ? 1 : 0
}

type Timing = {
  fcpMs?: number
  fcpP25Ms?: number
  fcpP75Ms?: number
  readyMs?: number
  heapBytes?: number
  samples: number
}

function ratioStatus(p: MiniPackageRow): string {
  if (!p.hasRatioTarget) return '—'
  if (p.withinRatio) return 'yes'
  const cap = KNOWN_MISSES[`${p.target} ${p.package}`]
  return cap === undefined ? '**no**' : `**no** (capped at ${fmt.x(cap)})`
}

/** The embed folders against the embed floor: totals, then the parts. */
function renderEmbed(embed: EmbedSizeRow[]): string[] {
  const cell = (p: { raw: number; gzip: number }) => `${fmt.kib(p.raw)} (${fmt.kib(p.gzip)})`
  const widgets = embed[0]?.widgets.map((w) => w.widget) ?? []
  return [
    '## Embed folders (native components)',
    '',
    `\`cardlet/\` as a host copies it (Taro's \`native-components\` build of \`src/embed\`, and \`host.js\`), against the embed floor, a bare Taro + React + NutUI component (\`bench/floor-embed\`) built the same way. Ratio: raw bytes against the floor's. Expected: ≤ ${EMBED_FLOOR_FACTOR}× the floor's raw bytes plus the widgets' own folders (reported, not a target).`,
    '',
    `| target | floor raw | floor gzip | cardlet raw | cardlet gzip | ratio | expected | ≤ expected | ≤ 2 MB |`,
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...embed.map(
      (e) =>
        `| ${e.target} | ${fmt.kib(e.floor.raw)} | ${fmt.kib(e.floor.gzip)} | ${fmt.kib(e.total.raw)} | ${fmt.kib(e.total.gzip)} | ${fmt.x(e.ratio)} | ${fmt.kib(e.expectedRaw)} | ${e.withinExpected ? 'yes' : '**no**'} | ${e.within2MB ? 'yes' : '**no**'} |`,
    ),
    '',
    "Parts, raw (gzip): each widget's own folder `cardlet/<widget>/`; shared is the rest (Taro's runtime, React, the common chunks, the base template, `host.js`).",
    '',
    `| target | shared | ${widgets.join(' | ')} |`,
    `|---|---:|${widgets.map(() => '---:|').join('')}`,
    ...embed.map((e) => `| ${e.target} | ${cell(e.shared)} | ${e.widgets.map(cell).join(' | ')} |`),
  ]
}

function render(r: Record<string, unknown>): string {
  const m = r.machine as ReturnType<typeof machine>
  const mini = r.mini as ReturnType<typeof miniSizes>
  const lines = [
    '# Cardlet benchmark',
    '',
    `Run ${r.date as string} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), ${m.platform}, Node ${m.node}, ${m.chromium}.`,
    'The floor is a bare Taro + React + NutUI page built in the same run, the embed floor a bare Taro + React + NutUI native component. Timings are medians, reported and never asserted.',
    '',
    '## Packages',
    '',
    'Mini-program packages, and for harmony-hybrid the whole web build the container ships (all pages; its ratio target is per page, below).',
    '',
    '| target | package | raw | gzip | floor raw | ratio | ≤ 1.6× | ≤ 2 MB |',
    '|---|---|---:|---:|---:|---:|---|---|',
    ...mini.map(
      (p) =>
        `| ${p.target} | ${p.package} | ${fmt.kib(p.raw)} | ${fmt.kib(p.gzip)} | ${fmt.kib(p.floorRaw)} | ${fmt.x(p.ratio)} | ${ratioStatus(p)} | ${p.raw <= PACKAGE_LIMIT_BYTES ? 'yes' : '**no**'} |`,
    ),
  ]
  const embed = r.embed as EmbedSizeRow[] | undefined
  if (embed) lines.push('', ...renderEmbed(embed))
  const webTables: [string, WebSizes][] = [
    ['H5', r.h5 as WebSizes],
    ['harmony-hybrid (outside a container)', r.harmonyHybrid as WebSizes],
  ]
  for (const [name, sizes] of webTables) {
    lines.push(
      '',
      `## ${name} pages (first-load transfer, gzip)`,
      '',
      '| page | gzip | ratio to floor | ≤ 1.25× |',
      '|---|---:|---:|---|',
      `| floor | ${fmt.kib(sizes.floor.gzip)} | 1.00× | — |`,
      ...sizes.pages.map(
        (p) =>
          `| ${p.page} | ${fmt.kib(p.gzip)} | ${fmt.x(p.ratio)} | ${p.withinTarget ? 'yes' : '**no**'} |`,
      ),
    )
  }
  const t = r.timings as
    | (Record<string, Timing> & {
        qrAfterCodeMs?: number
        qrAfterCodeSamples: number
        offlineQrAfterCutMs?: number
        offlineSamples: number
      })
    | undefined
  if (t) {
    // First paint target: a widget page within 1.25× the floor's (reported, not enforced).
    const fcpRatio = (v: Timing) => {
      const r = ratio(v.fcpMs, t.floor?.fcpMs)
      if (v === t.floor || r === undefined) return fmt.x(r)
      return `${fmt.x(r)} ${r <= H5_RATIO_TARGET ? 'yes' : '**no**'}`
    }
    // Headline target: a widget's headline within 1.3× the floor's text shown (reported).
    const headlineRatio = (v: Timing) => {
      const r = ratio(v.readyMs, t.floor?.readyMs)
      if (v === t.floor || r === undefined) return fmt.x(r)
      return `${fmt.x(r)} ${r <= HEADLINE_RATIO_TARGET ? 'yes' : '**no**'}`
    }
    const row = (name: string, v: Timing, readyLabel: string) =>
      `| ${name} | ${fmt.ms(v.fcpMs)} | ${fmt.ms(v.fcpP25Ms)}–${fmt.ms(v.fcpP75Ms)} | ${fcpRatio(v)} | ${readyLabel}: ${fmt.ms(v.readyMs)} | ${headlineRatio(v)} | ${fmt.mb(v.heapBytes)} (${fmt.x(ratio(v.heapBytes, t.floor?.heapBytes))}) | ${v.samples} |`
    lines.push(
      '',
      `## Timings at 466 × 466, CPU ${CPU_SLOWDOWN}× slower, cache off (median of ${PAGE_RUNS}, the pages taken in turn each round)`,
      '',
      `| page | first contentful paint | middle half of the runs | FCP ratio (≤ ${H5_RATIO_TARGET}×) | ready | headline ratio (≤ ${HEADLINE_RATIO_TARGET}×) | JS heap (ratio) | runs |`,
      '|---|---:|---:|---:|---|---:|---:|---:|',
      row('floor', t.floor as Timing, 'text shown'),
      row('balance', t.balance as Timing, 'available credit visible'),
      row('pay code', t.payCode as Timing, 'QR drawn (online)'),
      row('bill', t.bill as Timing, 'statement amount visible'),
      '',
      `Online QR: drawn ${fmt.ms(t.qrAfterCodeMs)} after the code's response ended (target ≤ 100 ms; ${t.qrAfterCodeSamples} runs).`,
      `Offline QR: drawn ${fmt.ms(t.offlineQrAfterCutMs)} after the network was cut, the seed having been provisioned online (${t.offlineSamples} runs).`,
      'QR times are the end of the first draw with dark modules into `#paycode-qr` (canvas calls recorded in the page); the available credit counts once `#balance-card` is `ready` and `#balance-available` shows an amount.',
    )
    const rpm = r.requestsPerMinute as { windowMs: number; online?: number; offline?: number }
    const perMin = (v: number | undefined) => (v === undefined ? 'n/a' : v.toFixed(1))
    const cost = r.payCodeCost as ReturnType<typeof payCodeCosts>
    lines.push(
      '',
      '## Pay code cost',
      '',
      `- Issuer requests per minute with the pay-code page open: online ${perMin(rpm.online)}, offline ${perMin(rpm.offline)} (target offline: 0; counted over ${rpm.windowMs / 1000} s from the first code on screen, scaled to a minute).`,
      `- CPU per offline code generation (TOTP, Node): ${cost.offlineCodeUs.toFixed(1)} µs.`,
      `- CPU per QR (19 digits, level M, Node; drawn as 400 device px into a no-op context): encode ${cost.qrEncodeUs.toFixed(1)} µs, draw ${cost.qrDrawUs.toFixed(1)} µs, both ${cost.qrEncodeAndDrawUs.toFixed(1)} µs. A browser's fillRect costs more; the page timings above include it.`,
      `- CPU per Code 128 encode + draw (680 × 160): ${cost.barcodeEncodeAndDrawUs.toFixed(1)} µs.`,
    )
  }
  const h = r.weappHarness as HarnessResult | undefined
  if (h) lines.push('', ...renderHarness(h, ROOT))
  lines.push(
    '',
    `Limit (enforced by \`npm run size\` in CI): every mini-program package and embed folder ≤ 2 MB. Targets (reported; **no** marks a miss): packages ≤ ${MINI_RATIO_BUDGET}× the floor, H5 widget pages ≤ ${H5_RATIO_TARGET}× the floor's transfer and first paint. The embed folder has no target, only an expectation: ≤ ${EMBED_FLOOR_FACTOR}× the embed floor plus the widgets' own folders.`,
    '',
  )
  return lines.join('\n')
}

runMain(main)
