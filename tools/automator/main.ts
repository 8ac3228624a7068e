import fs from 'node:fs'
import path from 'node:path'

import type { FrameId } from '../../src/lib/frame'
import { AGENT_DIST, resolveViewport, startAutomatorBridge, type Viewport } from './bridge'
import { isWeappProject, startWeappBridge } from './weapp-backend'

/**
 * `cli auto --project <P> --auto-port <N>` as miniprogram-automator's launch() runs it,
 * plus `--frame <id>` / `--viewport <W>x<H>` (or CARDLET_AUTOMATOR_FRAME /
 * CARDLET_AUTOMATOR_VIEWPORT). The process lives until the client sends Tool.close
 * (`miniProgram.close()`), the launching process goes away, or no client has been
 * connected for CARDLET_AUTOMATOR_IDLE_S seconds (default 60) after the last one left.
 */
interface CliOptions {
  project?: string
  port?: number
  frame?: FrameId
  viewport?: Viewport
}

function parse(argv: string[]): CliOptions {
  const options: CliOptions = {}
  const value = (i: number) => {
    const v = argv[i + 1]
    if (v === undefined) throw new Error(`${argv[i]} needs a value`)
    return v
  }
  const frame = process.env.CARDLET_AUTOMATOR_FRAME
  if (frame) options.frame = frame as FrameId
  const viewport = process.env.CARDLET_AUTOMATOR_VIEWPORT
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case 'auto':
        break
      case '--project':
        options.project = value(i++)
        break
      case '--auto-port':
        options.port = Number(value(i++))
        break
      case '--frame':
        options.frame = value(i++) as FrameId
        break
      case '--viewport':
        options.viewport = parseViewport(value(i++))
        break
      default:
        // DevTools-only flags (--auto-account, --ticket, --trust-project) mean nothing here.
        break
    }
  }
  if (viewport && !options.viewport) options.viewport = parseViewport(viewport)
  return options
}

function parseViewport(text: string): Viewport {
  const match = /^(\d+)x(\d+)$/.exec(text)
  if (!match) throw new Error(`viewport must be <width>x<height>, got ${text}`)
  return { width: Number(match[1]), height: Number(match[2]) }
}

/** Which backend and build a `--project` path means. */
export interface ResolvedProject {
  backend: 'h5' | 'weapp'
  distDir: string
}

/**
 * The project as DevTools would open it: a mini-program folder (app.json + app.js: the
 * WeChat build, or a host mini-program embedding Cardlet's components), or a project
 * folder whose project.config.json names one (`miniprogramRoot`, the repo root's is
 * dist/weapp) → the weapp backend; an H5 agent build, or a folder holding dist/h5-agent
 * → H5. No project means the H5 agent build, as before.
 */
export function resolveProject(project: string | undefined): ResolvedProject {
  if (!project) return { backend: 'h5', distDir: AGENT_DIST }
  const direct = path.resolve(project)
  if (isWeappProject(direct)) return { backend: 'weapp', distDir: direct }
  const config = path.join(direct, 'project.config.json')
  if (fs.existsSync(config)) {
    const { miniprogramRoot } = JSON.parse(fs.readFileSync(config, 'utf8')) as {
      miniprogramRoot?: string
    }
    if (miniprogramRoot) return { backend: 'weapp', distDir: path.join(direct, miniprogramRoot) }
  }
  if (fs.existsSync(path.join(direct, 'index.html'))) return { backend: 'h5', distDir: direct }
  return { backend: 'h5', distDir: path.join(direct, 'dist', 'h5-agent') }
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2))
  if (!options.port) throw new Error('--auto-port is required')
  const launcher = process.ppid
  let idleTimer: NodeJS.Timeout | undefined
  const idleMs = Number(process.env.CARDLET_AUTOMATOR_IDLE_S ?? '60') * 1000
  const project = resolveProject(options.project)
  const bridge =
    project.backend === 'weapp'
      ? await startWeappBridge({
          distDir: project.distDir,
          port: options.port,
          viewport: resolveViewport(options),
          onClosed: () => process.exit(0),
        })
      : await startAutomatorBridge({
          distDir: project.distDir,
          port: options.port,
          frame: options.frame,
          viewport: options.viewport,
          onClosed: () => process.exit(0),
        })
  const stop = () => void bridge.close()
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  // Never outlive the test run that launched us.
  setInterval(() => {
    if (process.ppid !== launcher) stop()
  }, 1000).unref()
  const idle = (count: number) => {
    if (idleTimer) clearTimeout(idleTimer)
    if (count === 0) idleTimer = setTimeout(stop, idleMs)
  }
  bridge.onConnections(idle)
  idle(0)
  console.log(
    `automator bridge (${bridge.backend}) listening on ${bridge.wsEndpoint} (issuer ${bridge.issuerUrl})`,
  )
}

main().catch((error: unknown) => {
  console.error((error as Error).message)
  process.exit(1)
})
