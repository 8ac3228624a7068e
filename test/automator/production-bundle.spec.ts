/**
 * The automator agent ships only in the test build: the production H5 bundle (dist/h5,
 * built by `npm test` before the browser tests; built here only when absent) carries no
 * trace of it, while the agent build carries every marker (so the markers are real).
 * The production WeChat bundle (dist/weapp, which the weapp backend drives as it is)
 * carries none either: that backend lives wholly in the bridge, outside the app.
 */
import fs from 'node:fs'
import path from 'node:path'

import { AGENT_DIST } from '../../tools/automator/bridge'
import { taroBuild } from '../../tools/lib/taro-build'
import { ensureAgentBuild, ensureBuild, SETUP_TIMEOUT_MS } from './support'

const PRODUCTION_DIST = path.resolve(__dirname, '..', '..', 'dist', 'h5')
const WEAPP_DIST = path.resolve(__dirname, '..', '..', 'dist', 'weapp')

/** Strings only the agent and its Taro hook contain (property names and messages survive minification). */
const MARKERS = [
  '__cardletAgent',
  '__cardletAgentEmit',
  'cardlet.automator.state',
  'is not supported on H5 by the Cardlet automator bridge',
  'Agent.resolveUrl',
]

/** Strings of the weapp backend (tools/automator/weapp-backend.ts): never in the app. */
const WEAPP_BACKEND_MARKERS = [
  'is not supported on the weapp backend by the Cardlet automator bridge',
  'cardlet-automator',
  'automator:',
]

function bundleText(dir: string): string {
  const texts: string[] = []
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (/\.(js|html|css|map|json|wxml|wxss|wxs)$/.test(entry.name))
        texts.push(fs.readFileSync(file, 'utf8'))
    }
  }
  walk(dir)
  return texts.join('\n')
}

describe('production H5 bundle', () => {
  beforeAll(async () => {
    if (!fs.existsSync(path.join(PRODUCTION_DIST, 'index.html'))) {
      await taroBuild('h5', { outDir: PRODUCTION_DIST })
    }
    await ensureAgentBuild()
  }, SETUP_TIMEOUT_MS)

  test('the agent build carries every agent marker', () => {
    const agent = bundleText(AGENT_DIST)
    for (const marker of MARKERS) expect(agent).toContain(marker)
  })

  test('dist/h5 carries none of them', () => {
    const production = bundleText(PRODUCTION_DIST)
    expect(production.length).toBeGreaterThan(100_000)
    for (const marker of MARKERS) expect(production).not.toContain(marker)
  })
})

describe('production weapp bundle', () => {
  beforeAll(async () => {
    await ensureBuild('weapp')
  }, SETUP_TIMEOUT_MS)

  test('dist/weapp carries no agent and no bridge code', () => {
    const production = bundleText(WEAPP_DIST)
    expect(production.length).toBeGreaterThan(100_000)
    for (const marker of [...MARKERS, ...WEAPP_BACKEND_MARKERS]) {
      expect(production).not.toContain(marker)
    }
  })

  test('the weapp backend itself carries its markers (so the check above is real)', () => {
    const backend = fs.readFileSync(
      path.resolve(__dirname, '..', '..', 'tools', 'automator', 'weapp-backend.ts'),
      'utf8',
    )
    expect(backend).toContain(WEAPP_BACKEND_MARKERS[0])
    expect(backend).toContain('automator:${where}')
  })
})
