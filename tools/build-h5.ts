import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const name of fs.readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, name)))
  return newest
}

/** True when `outDir` has a build newer than every source and config file. */
export function isH5BuildFresh(outDir: string): boolean {
  const index = path.join(outDir, 'index.html')
  if (!fs.existsSync(index)) return false
  const built = fs.statSync(index).mtimeMs
  const inputs = ['src', 'config', 'brand.json', 'babel.config.js', 'package-lock.json'].map((p) =>
    path.join(root, p),
  )
  return inputs.every((input) => !fs.existsSync(input) || newestMtime(input) <= built)
}

/**
 * Runs `taro build --type h5` into `outDir` in its own process group, so an
 * interrupt stops the build and every child it started.
 */
export function buildH5(outDir: string, env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'],
      {
        cwd: root,
        detached: true,
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          ...env,
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
      else reject(new Error(`H5 build failed (${signal ?? `exit ${code}`})`))
    })
  })
}
