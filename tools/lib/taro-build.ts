import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')

/** A Taro target (`taro build --type <target>`). */
export type TaroTarget = 'weapp' | 'alipay' | 'jd' | 'h5' | 'harmony-hybrid'

export interface TaroBuildOptions {
  /** Output folder (CARDLET_OUT); default dist/<target>. */
  outDir?: string
  /** More environment for the build (CARDLET_TEST_AGENT, CARDLET_FLOOR, …). */
  env?: Record<string, string>
  /** Taro's progress output: shown (default) or dropped; errors are always shown. */
  stdout?: 'inherit' | 'ignore'
  /** `taro build native-components`: the app config's `components` as custom components. */
  nativeComponents?: boolean
}

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const name of fs.readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, name)))
  return newest
}

/** True when `outDir` has a web build newer than every source and config file. */
export function isWebBuildFresh(outDir: string): boolean {
  const index = path.join(outDir, 'index.html')
  if (!fs.existsSync(index)) return false
  const built = fs.statSync(index).mtimeMs
  const inputs = [
    'src',
    'contract',
    'config',
    'brand.json',
    'babel.config.js',
    'package-lock.json',
  ].map((p) => path.join(root, p))
  return inputs.every((input) => !fs.existsSync(input) || newestMtime(input) <= built)
}

/**
 * The one way tools, tests and the benchmark build the app: a production
 * `taro build --type <target>` in its own process group, so an interrupt stops the
 * build and every child it started.
 */
export function taroBuild(target: TaroTarget, options: TaroBuildOptions = {}): Promise<void> {
  const outDir = options.outDir ?? path.join(root, 'dist', target)
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        require.resolve('@tarojs/cli/bin/taro'),
        'build',
        ...(options.nativeComponents ? ['native-components'] : []),
        '--type',
        target,
      ],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', options.stdout ?? 'inherit', 'inherit'],
        env: {
          ...process.env,
          ...options.env,
          CARDLET_OUT: path.relative(root, outDir),
          NODE_ENV: 'production',
        },
      },
    )
    const stop = () => {
      if (child.pid) process.kill(-child.pid, 'SIGTERM')
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      if (code === 0) resolve()
      else reject(new Error(`${target} build failed (${signal ?? `exit ${code}`})`))
    })
  })
}
