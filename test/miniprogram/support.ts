import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import jsQR from 'jsqr'
import { PNG } from 'pngjs'

import { AlipayRun, JdRun, type MiniRun, type StoredValue, WeappRun } from '../../tools/miniprogram'
import { type Harness, startSandbox } from '../sandbox/harness'
import { SandboxApi } from '../support/sandbox-api'
import { clearFaults, type FaultRule, resetSandbox, setFaults } from '../support/sandbox-controls'

/** The production builds under test (`npm run build:weapp`, `npm run build:alipay`). */
export const DIST = {
  weapp: path.resolve(process.env.CARDLET_WEAPP_DIR ?? 'dist/weapp'),
  alipay: path.resolve(process.env.CARDLET_ALIPAY_DIR ?? 'dist/alipay'),
  jd: path.resolve(process.env.CARDLET_JD_DIR ?? 'dist/jd'),
} as const

export type Target = keyof typeof DIST

/**
 * The WeChat build with a subscribe-message template id (`npm run build:weapp:reminders`):
 * the production build carries none, so it reminds in-app and never prompts.
 */
export const WEAPP_REMINDERS_DIST = path.resolve(
  process.env.CARDLET_WEAPP_REMINDERS_DIR ?? 'dist/weapp-reminders',
)
/** The template id that build carries. */
export const REMINDER_TEMPLATE_ID = 'cardlet-sandbox-reminder'

/** Every mini-program target the harness runs; tests check the same facts on each. */
export const TARGETS: Target[] = (process.env.CARDLET_MINI_TARGETS?.split(',') as Target[]) ?? [
  'weapp',
  'alipay',
  'jd',
]

/** The issuer origin baked into the build (docs/integrating.md: TARO_APP_ISSUER_BASE_URL default). */
export const BUILD_ISSUER = 'http://127.0.0.1:4010'

export const FRAMES = {
  phone: { windowWidth: 375, windowHeight: 812 },
  'watch-round-l': { windowWidth: 466, windowHeight: 466 },
  'watch-round-s': { windowWidth: 384, windowHeight: 384 },
  band: { windowWidth: 192, windowHeight: 490 },
  'widget-2x2': { windowWidth: 170, windowHeight: 170 },
  'widget-2x4': { windowWidth: 350, windowHeight: 170 },
} as const

export type FrameName = keyof typeof FRAMES

export { cnyText } from '../support/money'

/** A sandbox issuer of the test's own (in memory, free port) and a client of it. */
export interface Issuer {
  sandbox: Harness
  api(persona: string): SandboxApi
  faults(rules: FaultRule[]): Promise<void>
  clearFaults(): Promise<void>
  close(): Promise<void>
}

export async function startIssuer(): Promise<Issuer> {
  const sandbox = await startSandbox({ logger: false })
  return {
    sandbox,
    api: (persona) => new SandboxApi(sandbox.base, persona),
    faults: (rules) => setFaults(sandbox.base, rules),
    async clearFaults() {
      await clearFaults(sandbox.base)
    },
    close: () => sandbox.close(),
  }
}

/**
 * The file's own sandbox issuer: started before its tests, closed after them, and with
 * `resetAfterEach` reset to the seeded state after each test (after its runs are closed),
 * so each target starts from the same figures. Call at the top level of a test file.
 */
export function setupIssuer(options: { resetAfterEach?: boolean } = {}): { current: Issuer } {
  const holder = {} as { current: Issuer }
  beforeAll(async () => {
    holder.current = await startIssuer()
  })
  afterEach(async () => {
    closeRuns()
    if (options.resetAfterEach) await resetSandbox(holder.current.sandbox.base)
  })
  afterAll(async () => {
    await holder.current?.close()
  })
  return holder
}

export interface LaunchOptions {
  target?: Target
  persona?: string
  frame?: FrameName
  query?: Record<string, string>
  /** Storage an earlier launch left (a cold start keeps what the app stored). */
  storage?: Map<string, StoredValue>
  /** The host app's light/dark setting (`getSystemInfoSync().theme`). */
  theme?: 'light' | 'dark'
  /** Another build of the target (e.g. WEAPP_REMINDERS_DIST). */
  distDir?: string
}

const open = new Set<MiniRun>()

const HOSTS_DIR = path.resolve('test/artifacts/hosts')

/**
 * examples/taro-host built with the repository's Taro (a bank's Taro React app), with the
 * built `cardlet/` folder copied into its output: a fresh folder per call.
 */
export function buildTaroHost(embedDir: string = EMBED_WEAPP): string {
  fs.mkdirSync(HOSTS_DIR, { recursive: true })
  const dir = fs.mkdtempSync(path.join(HOSTS_DIR, 'taro-host-'))
  const built = spawnSync(
    process.execPath,
    [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp'],
    {
      cwd: path.resolve('examples/taro-host'),
      env: { ...process.env, NODE_ENV: 'production', TARO_HOST_OUT: dir },
      encoding: 'utf8',
      timeout: 180_000,
    },
  )
  if (built.status !== 0) throw new Error(`taro-host build failed:\n${built.stderr}`)
  fs.cpSync(path.join(embedDir, 'cardlet'), path.join(dir, 'cardlet'), { recursive: true })
  return dir
}

/** The embed build under test (`npm run build:embed:weapp`): the folder a bank copies in. */
export const EMBED_WEAPP = path.resolve(process.env.CARDLET_EMBED_WEAPP_DIR ?? 'dist/embed-weapp')

/**
 * A host mini-program of the repository's (`examples/<name>`) with the built `cardlet/`
 * folder copied into its root, as the integrator docs tell a bank to do: a fresh folder
 * under test/artifacts per call.
 */
export function assembleHost(name: string, embedDir: string = EMBED_WEAPP): string {
  fs.mkdirSync(HOSTS_DIR, { recursive: true })
  const dir = fs.mkdtempSync(path.join(HOSTS_DIR, `${name}-`))
  fs.cpSync(path.resolve('examples', name), dir, { recursive: true })
  fs.cpSync(path.join(embedDir, 'cardlet'), path.join(dir, 'cardlet'), { recursive: true })
  return dir
}

export interface HostLaunchOptions {
  persona?: string
  query?: Record<string, string>
  storage?: Map<string, StoredValue>
}

/** Launches an assembled host (assembleHost) on `page` against `issuer`, in the harness. */
export async function launchHost(
  issuer: Issuer,
  hostDir: string,
  page: string,
  { persona = 'good', query = {}, storage }: HostLaunchOptions = {},
): Promise<WeappRun> {
  const run = await WeappRun.launch({
    distDir: hostDir,
    loginCode: `sandbox:${persona}`,
    path: `pages/${page}/index`,
    query,
    device: FRAMES.phone,
    issuer: { from: BUILD_ISSUER, to: issuer.sandbox.base },
    storage,
  })
  open.add(run)
  return run
}

/**
 * Launches the real build of `target` against `issuer`, as the persona's user (the
 * platform login — `wx.login`, `my.getAuthCode` — answers `sandbox:<persona>`).
 * `page` is e.g. `balance`; `issuer` is one the test started or an issuer origin.
 */
export async function launch(
  issuer: Issuer | string,
  page: string,
  {
    target = 'weapp',
    persona = 'good',
    frame = 'phone',
    query = {},
    storage,
    theme,
    distDir,
  }: LaunchOptions = {},
): Promise<MiniRun> {
  const options = {
    distDir: distDir ?? DIST[target],
    loginCode: `sandbox:${persona}`,
    path: `pages/${page}/index`,
    query: { frame, ...query },
    device: theme ? { ...FRAMES[frame], theme } : FRAMES[frame],
    issuer: { from: BUILD_ISSUER, to: typeof issuer === 'string' ? issuer : issuer.sandbox.base },
    storage,
  }
  const runner = { weapp: WeappRun, alipay: AlipayRun, jd: JdRun }[target]
  const run = await runner.launch(options)
  open.add(run)
  return run
}

/**
 * Ends every run the test launched, and fails the test on anything WeChat would have
 * reported: a missing template, a WXML runtime error, a console error, an exception.
 */
export function closeRuns(): void {
  const problems = [...open].flatMap((run) => run.problems)
  for (const run of open) run.close()
  open.clear()
  if (problems.length > 0) {
    throw new Error(
      `the mini-program reported:\n${problems.map((p) => `${p.kind}: ${p.message}`).join('\n')}`,
    )
  }
}

/** Waits for `#id` with `data-status="status"` on the current page. */
export async function status(run: MiniRun, id: string, value: string, timeoutMs = 15_000) {
  return run.waitFor(
    `#${id} data-status="${value}" (now "${run.query(`#${id}`)?.attribute('data-status')}")`,
    () => run.query(`#${id}`)?.attribute('data-status') === value && run.query(`#${id}`),
    timeoutMs,
  )
}

/** Waits for the element's text to equal `text`. */
export async function textOf(run: MiniRun, selector: string, text: string, timeoutMs = 15_000) {
  await run.waitFor(
    `${selector} text "${text}" (now "${run.query(selector)?.text()}")`,
    () => run.query(selector)?.text() === text,
    timeoutMs,
  )
}

/** Ends `run` with the test's other runs (closeRuns), for a run launched another way. */
export function trackRun<R extends MiniRun>(run: R): R {
  open.add(run)
  return run
}

/**
 * The QR code the page (or the component `within`, an embedded widget) drew on
 * `#paycode-qr`, as a till's scanner decodes it.
 */
export async function qrFromCanvas(
  run: MiniRun,
  within: Pick<MiniRun, 'query'> = run,
): Promise<string> {
  await run.waitFor(
    '#paycode-qr data-status="drawn"',
    () => within.query('#paycode-qr')?.attribute('data-status') === 'drawn',
  )
  const canvas = run.canvas('paycode-qr')
  if (!canvas) throw new Error('the page never asked for the #paycode-qr canvas node')
  // `drawn` is also the blank canvas drawn while the first code is on its way.
  const decode = () => {
    const { data, width, height } = canvas.rasterize()
    return jsQR(data, width, height)?.data
  }
  const decoded = await run.waitFor('a QR code on #paycode-qr', decode).catch(() => undefined)
  if (!decoded) {
    const { width, height } = canvas.rasterize()
    const file = saveRaster('paycode-qr-undecodable', canvas.rasterize())
    throw new Error(`no QR code in the ${width}×${height} canvas draw (${file})`)
  }
  return decoded
}

/** Waits for a QR code other than `old` on `#paycode-qr` (the next code) and decodes it. */
export async function nextQr(run: MiniRun, old: string, timeoutMs = 15_000): Promise<string> {
  let fresh = ''
  await run.waitFor(
    'a fresh QR code',
    () => {
      const drawn = run.query('#paycode-qr')?.attribute('data-status') === 'drawn'
      if (!drawn) return false
      const canvas = run.canvas('paycode-qr')
      if (!canvas) return false
      void qrFromCanvas(run).then(
        (code) => (fresh = code),
        () => undefined,
      )
      return fresh !== '' && fresh !== old
    },
    timeoutMs,
  )
  return fresh
}

/** Writes a canvas stand-in's pixels to test/artifacts/miniprogram/<name>.png. */
export function saveRaster(
  name: string,
  { data, width, height }: { data: Uint8ClampedArray; width: number; height: number },
): string {
  const dir = path.resolve('test/artifacts/miniprogram')
  fs.mkdirSync(dir, { recursive: true })
  const png = new PNG({ width, height })
  png.data = Buffer.from(data)
  const file = path.join(dir, `${name}.png`)
  fs.writeFileSync(file, PNG.sync.write(png))
  return file
}
