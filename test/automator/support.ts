import fs from 'node:fs'
import path from 'node:path'

import jsQR from 'jsqr'
import automator from 'miniprogram-automator'
import type Element from 'miniprogram-automator/out/Element'
import type MiniProgram from 'miniprogram-automator/out/MiniProgram'
import type Page from 'miniprogram-automator/out/Page'
import { PNG } from 'pngjs'

import { AGENT_DIST } from '../../tools/automator/bridge'
import { isWeappBuild } from '../../tools/automator/weapp-backend'
import { isWebBuildFresh, taroBuild } from '../../tools/lib/taro-build'

export type { Element, MiniProgram, Page }

const root = path.resolve(__dirname, '..', '..')
export const ARTIFACTS = path.join(root, 'test', 'artifacts', 'screenshots')

/**
 * Where the specs run: the Cardlet bridge's cli shim by default, on the backend
 * CARDLET_AUTOMATOR_BACKEND names (`h5`, the default: the H5 agent build in chromium;
 * `weapp`: the production dist/weapp build in the mini-program runtime harness), or
 * WeChat DevTools' own cli when CARDLET_AUTOMATOR_CLI is set (projectPath then defaults
 * to the repo root, whose project.config.json points DevTools at dist/weapp).
 */
export const DEVTOOLS_CLI = process.env.CARDLET_AUTOMATOR_CLI
export const BRIDGE_CLI = path.join(root, 'tools', 'automator', 'cli.js')
export const BACKEND: 'h5' | 'weapp' =
  process.env.CARDLET_AUTOMATOR_BACKEND === 'weapp' ? 'weapp' : 'h5'
const WEAPP_DIST = path.join(root, 'dist', 'weapp')

/** A build, and a launch with the 5 s settle the client adds, take longer than a test. */
export const SETUP_TIMEOUT_MS = 300_000

/** Builds dist/h5-agent when it is missing or older than the sources (H5 bridge only). */
export async function ensureAgentBuild(): Promise<void> {
  if (DEVTOOLS_CLI) return
  if (!isWebBuildFresh(AGENT_DIST)) {
    await taroBuild('h5', { outDir: AGENT_DIST, env: { CARDLET_TEST_AGENT: '1' } })
  }
}

/** The build the backend drives: the H5 agent build, or dist/weapp (`npm run build:weapp`). */
export async function ensureBuild(backend: 'h5' | 'weapp' = BACKEND): Promise<void> {
  if (DEVTOOLS_CLI) return
  if (backend === 'h5') return ensureAgentBuild()
  if (!isWeappBuild(WEAPP_DIST)) {
    throw new Error(`no WeChat build at ${WEAPP_DIST}: run \`npm run build:weapp\` first`)
  }
}

/**
 * `automator.launch()` exactly as a DevTools script calls it. On the weapp backend the
 * project is the repo root, as for DevTools (its project.config.json names dist/weapp).
 */
export async function launch(): Promise<MiniProgram> {
  await ensureBuild()
  const projectPath = DEVTOOLS_CLI
    ? (process.env.CARDLET_AUTOMATOR_PROJECT ?? root)
    : BACKEND === 'weapp'
      ? root
      : AGENT_DIST
  return automator.launch({ cliPath: DEVTOOLS_CLI ?? BRIDGE_CLI, projectPath, timeout: 60_000 })
}

/** The issuer the app talks to: the bridge's own sandbox (Tool.getInfo), or DevTools'. */
export async function issuerUrl(miniProgram: MiniProgram): Promise<string> {
  if (DEVTOOLS_CLI) return process.env.CARDLET_AUTOMATOR_ISSUER ?? 'http://127.0.0.1:4010'
  return bridgeIssuer(miniProgram)
}

/** The sandbox issuer a Cardlet bridge started for itself (its Tool.getInfo `issuer`). */
export async function bridgeIssuer(miniProgram: MiniProgram): Promise<string> {
  const info = (await (miniProgram as unknown as Sender).send('Tool.getInfo')) as {
    issuer?: string
  }
  if (!info.issuer) throw new Error('the bridge did not say where its issuer is')
  return info.issuer
}

/** The client's `send`: public in its JavaScript, private in its typings. */
interface Sender {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>
}

const HOME = '/pages/home/index'

/**
 * Opens a page as a sandbox persona, the way a tester does it in DevTools: the login
 * code chooses the persona (docs/qa.md, "miniprogram-automator on Linux"), so `login` is mocked, then the cardholder's own
 * sign-out control on the home page signs the previous persona out (the issuer revokes
 * its session and seeds, its cached amounts are forgotten) and back in with the mocked
 * login; the page is then opened with reLaunch. No cold reload is needed.
 */
export async function openAs(
  miniProgram: MiniProgram,
  persona: string,
  route: string,
): Promise<Page> {
  await miniProgram.mockWxMethod('login', { code: `sandbox:${persona}` })
  const home = await opened(miniProgram.reLaunch(HOME))
  await eventually(async () => (await home.$('#account')) !== null, true)
  const signOut = await home.$('#account-sign-out')
  if (signOut) {
    await signOut.tap()
    await waitForStatus(home, 'account', 'signed_out')
  }
  await (await byId(home, 'account-sign-in')).tap()
  // Signing in re-opens home: wait until the new home page shows the new session.
  await eventually(async () => {
    const page = await miniProgram.currentPage()
    return page && idOf(page) !== idOf(home) ? statusOf(page, 'account') : null
  }, 'signed_in')
  return route === HOME ? opened(miniProgram.currentPage()) : opened(miniProgram.reLaunch(route))
}

/** The page a route call landed on (the client types it as possibly undefined). */
export async function opened(route: Promise<Page | undefined>): Promise<Page> {
  const page = await route
  if (!page) throw new Error('no current page after the route call')
  return page
}

/** A page's protocol id: private in the client's typings, public in its JavaScript. */
export const idOf = (page: Page | undefined): number => (page as unknown as { id: number }).id

/** Polls (bounded) until `read` returns `expected`; fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = 20_000,
): Promise<void> {
  const until = Date.now() + timeoutMs
  let last: T | undefined
  for (;;) {
    last = await read().catch(() => undefined)
    if (last === expected) return
    if (Date.now() > until) {
      throw new Error(
        `still ${JSON.stringify(last)} after ${timeoutMs} ms, expected ${JSON.stringify(expected)}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/**
 * `data-status` of the element with this id on the page, or inside an element (a custom
 * component's own tree: an embedded widget); null when it is not there.
 */
export async function statusOf(scope: Page | Element, id: string): Promise<string | null> {
  const element = await scope.$(`#${id}`)
  return element ? ((await element.attribute('data-status')) as string | null) : null
}

export function waitForStatus(
  scope: Page | Element,
  id: string,
  status: string,
  timeoutMs?: number,
) {
  return eventually(() => statusOf(scope, id), status, timeoutMs)
}

/** The element with this id, failing the test when it is missing. */
export async function byId(page: Page, id: string): Promise<Element> {
  const element = await page.$(`#${id}`)
  if (!element) throw new Error(`#${id} is not on ${page.path}`)
  return element
}

export { cnyText } from '../support/money'

/** Writes a base64 screenshot under test/artifacts/screenshots; returns the decoded PNG. */
export function savePng(base64: string, name: string): PNG {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const bytes = Buffer.from(base64, 'base64')
  fs.writeFileSync(path.join(ARTIFACTS, `${name}.png`), bytes)
  return PNG.sync.read(bytes)
}

/** The QR code a till would scan off `miniProgram.screenshot()` (bounded retries). */
export async function qrFromScreenshot(miniProgram: MiniProgram, name: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const png = savePng((await miniProgram.screenshot()) as string, name)
    const text = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
    if (text) return text
    if (attempt >= 10) throw new Error(`no QR code in the screenshot ${name}`)
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
}
