import path from 'node:path'

import type { Balance } from '@contract'

import { formatMoney } from '@/lib/money'

import { AlipayRun, JdRun, type TreeComponent } from '../../tools/miniprogram'
import { scan } from '../support/sandbox-controls'
import { BUILD_ISSUER, closeRuns, qrFromCanvas, setupIssuer, trackRun } from './support'

/**
 * The JD and Alipay embed folders (`npm run build:embed:jd`, `:alipay`) as far as the
 * harness runs those platforms: each widget component's JavaScript with the platform's
 * global, mounted as a host page would mount it, against the sandbox over HTTP, its
 * setData tree read through the folder's own base template. Their templates are not
 * rendered (no JD or Alipay renderer runs off-device).
 */
const issuer = setupIssuer({ resetAfterEach: true })
const usd = (amount: number) => formatMoney({ amount, currency: 'CNY' }, 'en-US')
const EMBED = {
  jd: path.resolve(process.env.CARDLET_EMBED_JD_DIR ?? 'dist/embed-jd'),
  alipay: path.resolve(process.env.CARDLET_EMBED_ALIPAY_DIR ?? 'dist/embed-alipay'),
} as const

async function hostWith(target: keyof typeof EMBED) {
  const dir = path.join(EMBED[target], 'cardlet')
  const runner = target === 'jd' ? JdRun : AlipayRun
  const run = trackRun(
    await runner.launch({
      distDir: dir,
      loginCode: 'sandbox:good',
      issuer: { from: BUILD_ISSUER, to: issuer.current.sandbox.base },
    }),
  )
  // What the host's app.js does once.
  const host = run.context.require<{ configure(options: unknown): void }>(path.join(dir, 'host.js'))
  host.configure(run.context.toContext({ issuerBaseUrl: BUILD_ISSUER }))
  return run
}

async function cardStatus(
  run: { waitFor: (w: string, p: () => unknown) => Promise<unknown> },
  component: TreeComponent,
  id: string,
  value: string,
) {
  await run.waitFor(
    `#${id} data-status="${value}" (now "${component.query(`#${id}`)?.attribute('data-status')}")`,
    () => component.query(`#${id}`)?.attribute('data-status') === value,
  )
}

afterEach(() => closeRuns())

describe.each(['jd', 'alipay'] as const)('%s', (target) => {
  test('balance: the figures in the host locale, and its status reaches the host', async () => {
    const api = issuer.current.api('good')
    const balance = await api.get<Balance>(`/v1/cards/${await api.firstCardId()}/balance`)
    const run = await hostWith(target)
    const widget = await run.mountComponent('balance/index', { locale: 'en-US' })
    await cardStatus(run, widget, 'balance-card', 'ready')
    expect(widget.query('#balance-available')?.text()).toBe(usd(balance.available_credit.amount))
    expect(widget.events).toContainEqual({ name: 'statuschange', detail: { status: 'ready' } })
  })

  test('props set after mounting take effect; an unknown card says so', async () => {
    const run = await hostWith(target)
    const widget = await run.mountComponent('bill/index', { locale: 'en-US' })
    await cardStatus(run, widget, 'bill-card', 'ready')
    widget.setProps({ cardId: 'card_someone_elses', locale: 'en-US' })
    await cardStatus(run, widget, 'bill-card', 'error')
    expect(widget.query('#embed-problem')?.attribute('data-status')).toBe('card_not_found')
    expect(widget.query('#embed-problem')?.text()).toBe('Card not found')
  })

  test('pay code: the QR drawn inside the component pays at the till', async () => {
    const run = await hostWith(target)
    const widget = await run.mountComponent('pay-code/index', {})
    await cardStatus(run, widget, 'paycode-card', 'online')
    const code = await qrFromCanvas(run, widget)
    expect(code).toMatch(/^62\d{17}$/)
    expect(await scan(issuer.current.sandbox.base, code, 'success', 2_000, 'Till')).toMatchObject({
      status: 200,
      body: { status: 'succeeded' },
    })
    await cardStatus(run, widget, 'paycode-result', 'succeeded')
  })
})
