import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { plan, type Probe } from '../../tools/ensure-browser'

const root = path.resolve(__dirname, '..', '..')
const bare: Probe = { hasChromium: false, hasFont: false, isRoot: true, hasApt: true }

describe('ensure-browser plan', () => {
  it.each<[string, Probe, ReturnType<typeof plan>]>([
    ['everything there', { ...bare, hasChromium: true, hasFont: true }, { kind: 'ready' }],
    [
      'bare, root with apt',
      bare,
      { kind: 'install', packages: ['chromium', 'fonts-wqy-microhei'] },
    ],
    [
      'only the font missing, root with apt',
      { ...bare, hasChromium: true },
      { kind: 'install', packages: ['fonts-wqy-microhei'] },
    ],
    [
      'bare, not root',
      { ...bare, isRoot: false },
      {
        kind: 'stop',
        line: 'npm test: the browser tests need chromium and fonts-wqy-microhei: run `sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-microhei` (or set CHROMIUM_PATH), then npm test again',
      },
    ],
    [
      'chromium missing, root without apt',
      { ...bare, hasFont: true, hasApt: false },
      {
        kind: 'stop',
        line: 'npm test: the browser tests need chromium: run `apt-get update && apt-get install -y chromium` (or set CHROMIUM_PATH), then npm test again',
      },
    ],
    [
      'CHROMIUM_PATH points at nothing',
      { ...bare, hasFont: true, chromiumOverride: '/nonexistent' },
      {
        kind: 'stop',
        line: 'npm test: CHROMIUM_PATH=/nonexistent is not an executable; point it at a chromium, or unset it to use /usr/bin/chromium (apt-get install -y chromium)',
      },
    ],
  ])('%s', (_name, probe, expected) => {
    expect(plan(probe)).toEqual(expected)
  })

  it('stops at once with one line when CHROMIUM_PATH points at nothing', () => {
    const run = spawnSync(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [path.join(root, 'tools', 'ensure-browser.ts')],
      { env: { ...process.env, CHROMIUM_PATH: '/nonexistent' }, encoding: 'utf8' },
    )
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^npm test: CHROMIUM_PATH=\/nonexistent is not an executable; /),
    ])
  })
})
