/**
 * `page.data()` per backend. It is the one answer that differs by design, so it lives
 * here rather than in widgets.spec.ts: the H5 build has no page data of its own, and the
 * H5 agent answers a synthetic object built from the documented stable attributes
 * (docs/qa.md); the weapp backend answers the page's real data as Taro's setData
 * left it, as DevTools does (`root.cn`, the rendered tree, with each node's attributes).
 */
import {
  BACKEND,
  DEVTOOLS_CLI,
  launch,
  type MiniProgram,
  openAs,
  SETUP_TIMEOUT_MS,
  waitForStatus,
} from './support'

jest.setTimeout(120_000)

let miniProgram: MiniProgram

beforeAll(async () => {
  miniProgram = await launch()
}, SETUP_TIMEOUT_MS)

afterAll(async () => {
  await miniProgram?.close()
})

/** Every string value anywhere in `data` (Taro's tree nests nodes under `cn`). */
function strings(data: unknown): string[] {
  if (typeof data === 'string') return [data]
  if (data && typeof data === 'object') return Object.values(data).flatMap(strings)
  return []
}

if (BACKEND === 'h5' && !DEVTOOLS_CLI) {
  test('H5: page.data() is the synthetic state object, and a path reads into it', async () => {
    const page = await openAs(miniProgram, 'good', '/pages/balance/index')
    await waitForStatus(page, 'balance-card', 'ready')
    expect(await page.data()).toEqual({
      path: 'pages/balance/index',
      query: {},
      frame: 'phone',
      theme: expect.stringMatching(/^(light|dark)$/),
      status: expect.objectContaining({ 'balance-card': 'ready' }),
    })
    expect(await page.data('status.balance-card')).toBe('ready')
  })
} else {
  test('weapp: page.data() is the page’s real setData tree, and a path reads into it', async () => {
    const page = await openAs(miniProgram, 'good', '/pages/balance/index')
    await waitForStatus(page, 'balance-card', 'ready')
    const data = (await page.data()) as { root?: { cn?: unknown[] } }
    expect(Array.isArray(data.root?.cn)).toBe(true)
    // The card's stable id and its status are both in the tree the template renders.
    const values = strings(data)
    expect(values).toContain('balance-card')
    expect(values).toContain('ready')
    expect(await page.data('root.cn')).toEqual(data.root!.cn)
  })
}
