import { canvasNode, CanvasStandIn } from '../../tools/miniprogram/canvas'
import { MiniContext } from '../../tools/miniprogram/context'
import { launch, setupIssuer, status } from './support'

/** The harness's own parts: what the widget tests rely on it to do. */
describe('the context clock', () => {
  test('advance() fires due timers in due order and moves Date inside the app', () => {
    const context = new MiniContext()
    try {
      const fired: string[] = []
      const before = context.run<number>('Date.now()', 'now')
      context.run(
        `setTimeout(() => fired('b@300'), 300); setTimeout(() => fired('a@100'), 100);
         const every = setInterval(() => fired('tick'), 250); setTimeout(() => clearInterval(every), 600)`,
        'timers',
      )
      // `fired` is set after the code ran: timers resolve it at call time.
      context.window.fired = (label: string) => fired.push(label)
      context.clock.advance(1_000)
      expect(fired).toEqual(['a@100', 'tick', 'b@300', 'tick'])
      const after = context.run<number>('Date.now()', 'now')
      expect(after - before).toBeGreaterThanOrEqual(1_000)
      expect(after - before).toBeLessThan(1_500)
      expect(context.run<number>('new Date().getTime()', 'new Date') - after).toBeLessThan(100)
      expect(context.clock.pending).toBe(0)
    } finally {
      context.close()
    }
  })

  test('an exception in a timer and a console.error become problems of the run', () => {
    const context = new MiniContext()
    try {
      context.run(`setTimeout(() => { throw new Error('boom') }, 0); console.error('bad', 1)`, 'x')
      context.clock.advance(1)
      expect(context.problems.map((p) => p.kind)).toEqual(['console.error', 'exception'])
      expect(context.problems[0]!.message).toBe('bad 1')
      expect(context.problems[1]!.message).toContain('boom')
    } finally {
      context.close()
    }
  })

  test('a clock given a start begins there and runs on in real time', async () => {
    const start = Date.parse('2026-11-20T01:00:00Z')
    const context = new MiniContext({ clockStart: start })
    try {
      expect(context.run<string>('new Date().toISOString()', 'iso')).toMatch(
        /^2026-11-20T01:00:00\./,
      )
      await new Promise((resolve) => setTimeout(resolve, 50))
      const elapsed = context.run<number>('Date.now()', 'now') - start
      expect(elapsed).toBeGreaterThanOrEqual(50)
      expect(elapsed).toBeLessThan(1_000)
    } finally {
      context.close()
    }
  })
})

test('the canvas stand-in records fills, clears on resize, and rasterises them', () => {
  const standIn = new CanvasStandIn('c')
  const node = canvasNode(standIn)
  node.width = 4
  node.height = 2
  const ctx = node.getContext('2d') as unknown as {
    fillStyle: string
    fillRect(x: number, y: number, w: number, h: number): void
    arc(): void
  }
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, 4, 2)
  ctx.fillStyle = '#000000'
  ctx.fillRect(1, 0, 2, 1)
  expect(standIn.calls).toHaveLength(2)
  const { data } = standIn.rasterize()
  const red = [...Array(8).keys()].map((i) => data[i * 4])
  expect(red).toEqual([255, 0, 0, 255, 255, 255, 255, 255])
  node.width = 8
  expect(standIn.calls).toEqual([])
  // A drawing call the stand-in does not know is recorded, so it cannot pass unseen.
  ctx.arc()
  expect(standIn.unsupported).toEqual(['arc'])
})

describe('a launch', () => {
  const issuer = setupIssuer()

  test('weapp: jumping the app clock ahead runs the pay-code countdown down', async () => {
    const run = await launch(issuer.current, 'pay-code')
    await status(run, 'paycode-card', 'online')
    const seconds = () => Number(/\d+/.exec(run.query('#paycode-countdown')?.text() ?? '')?.[0])
    await run.waitFor('a countdown near 60 s', () => seconds() >= 55)
    const start = seconds()
    ;(run as unknown as { context: MiniContext }).context.clock.advance(20_000)
    await run.waitFor(`countdown 20 s lower than ${start}`, () => seconds() <= start - 19)
    expect(seconds()).toBeGreaterThanOrEqual(start - 21)
  })

  test('weapp: every setData crossed the JSON bridge, within WeChat`s 256 KB per call', async () => {
    const run = await launch(issuer.current, 'home')
    await status(run, 'balance-card', 'ready')
    const stats = (
      run as unknown as {
        setData: Map<string, { calls: number; largestBytes: number }>
      }
    ).setData.get('pages/home/index')!
    expect(stats.calls).toBeGreaterThan(1)
    expect(stats.largestBytes).toBeGreaterThan(1_000)
    expect(stats.largestBytes).toBeLessThan(256 * 1024)
  })
})
