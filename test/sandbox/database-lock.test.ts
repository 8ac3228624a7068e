import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { buildSandbox } from '../../sandbox/app'

const root = path.resolve(__dirname, '..', '..')

let dir: string
let dbPath: string
let lockPath: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardlet-lock-'))
  dbPath = path.join(dir, 'sandbox.db')
  lockPath = `${dbPath}.lock`
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** What a second sandbox on the file says (the file is outside the working directory: its full path). */
const inUse = (pid: number) =>
  new Error(
    `${dbPath} is in use by another sandbox (pid ${pid}); stop it, or set SANDBOX_DB to another file`,
  )

/** `npm run sandbox` on this test's file, as one node process (tsx's loader, not its CLI's child). */
const SANDBOX = [process.execPath, '--import', 'tsx', 'sandbox/main.ts', '--quiet'] as const
const sandboxEnv = () => ({ ...process.env, SANDBOX_DB: dbPath, SANDBOX_PORT: '0' })

/** Resolves once the sandbox process printed its address (it is listening, the file is its). */
async function listening(child: ChildProcess): Promise<void> {
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += String(chunk)
      if (out.includes('Sandbox issuer: ')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}) before listening`)))
  })
}

test('a second sandbox in the same process refuses the file; once the first closes it opens', async () => {
  const first = await buildSandbox({ dbPath })
  try {
    await expect(buildSandbox({ dbPath })).rejects.toThrow(inUse(process.pid))
  } finally {
    await first.close()
  }
  expect(fs.existsSync(lockPath)).toBe(false)
  const second = await buildSandbox({ dbPath })
  await second.close()
})

test('a sandbox process holds the file: `npm run sandbox` on it exits 1 with the message alone', async () => {
  const [node, ...args] = SANDBOX
  const holder = spawn(node, args, { cwd: root, env: sandboxEnv() })
  try {
    await listening(holder)
    const pid = holder.pid as number
    const second = spawnSync(node, args, {
      cwd: root,
      env: sandboxEnv(),
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect([second.status, second.stderr, second.stdout]).toEqual([
      1,
      `${inUse(pid).message}\n`,
      '',
    ])
    await expect(buildSandbox({ dbPath })).rejects.toThrow(inUse(pid))
  } finally {
    holder.kill('SIGTERM')
    if (holder.exitCode === null) await once(holder, 'exit')
  }
  // Stopped, it let go of the file.
  expect(fs.existsSync(lockPath)).toBe(false)
})

test('a lock left by a process that is gone (killed, crashed) is taken over', async () => {
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  })
  fs.writeFileSync(lockPath, `${gone.stdout}\n`)
  const app = await buildSandbox({ dbPath })
  try {
    expect(fs.readFileSync(lockPath, 'utf8')).toBe(`${process.pid}\n`)
  } finally {
    await app.close()
  }
  expect(fs.existsSync(lockPath)).toBe(false)
})
