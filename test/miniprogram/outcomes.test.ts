import {
  closeRuns,
  type Issuer,
  launch,
  qrFromCanvas,
  startIssuer,
  status,
  TARGETS,
  textOf,
} from './support'

/**
 * Issue 29 in the production mini-program builds against the sandbox over HTTP: the
 * outcomes a till can give (reversal, over-limit decline), the result over the code on
 * a small watch face and its way back, service widgets that name their card and open
 * their page, a sign-out, and recovery after a malformed answer.
 */
let issuer: Issuer

beforeAll(async () => {
  issuer = await startIssuer()
})

afterEach(async () => {
  closeRuns()
  await issuer.clearFaults()
  await issuer.api('good').control('/v1/sandbox/reset', {})
})

afterAll(async () => {
  await issuer?.close()
})

async function scan(code: string, outcome: string, amount: number, merchant: string) {
  const response = await fetch(`${issuer.sandbox.base}/v1/sandbox/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, amount: { amount, currency: 'CNY' }, merchant, outcome }),
  })
  return (await response.json()) as Record<string, unknown>
}

describe.each(TARGETS)('%s', (target) => {
  test('a merchant’s reversal turns the result into "reversed"', async () => {
    const run = await launch(issuer, 'pay-code', { target, query: { lang: 'en-US' } })
    await status(run, 'paycode-card', 'online')
    const code = await qrFromCanvas(run)
    await expect(scan(code, 'success_then_reversal', 2_500, 'Didi')).resolves.toMatchObject({
      status: 'succeeded',
    })
    await status(run, 'paycode-result', 'succeeded')
    await status(run, 'paycode-result', 'reversed', 20_000)
    await textOf(run, '#paycode-result .cl-paycode__result-label', 'Payment reversed')
    await textOf(
      run,
      '#paycode-result-hint',
      'The merchant cancelled it; the amount is back on your credit',
    )
  })

  test('round 384, en-US, dark: an over-limit decline with its reason, then the code again', async () => {
    const run = await launch(issuer, 'pay-code', {
      target,
      persona: 'maxed',
      frame: 'watch-round-s',
      query: { lang: 'en-US', theme: 'dark' },
    })
    await status(run, 'paycode-card', 'online')
    await textOf(run, '#paycode-no-credit', 'No available credit')
    const code = await qrFromCanvas(run)
    await expect(scan(code, 'success', 1_234, 'Luckin')).resolves.toMatchObject({
      status: 'declined',
      decline_reason: 'insufficient_credit',
    })
    await status(run, 'paycode-result', 'declined')
    await textOf(run, '#paycode-result-reason', 'Not enough available credit')
    expect(run.query('.cl-paycode__stage--covered')).not.toBeNull()
    await run.query('#paycode-result-dismiss')!.tap()
    await status(run, 'paycode-result', 'none')
    expect(run.query('.cl-paycode__stage--covered')).toBeNull()
    await status(run, 'paycode-card', 'online')
  })

  test.each(['widget-2x2', 'widget-2x4'] as const)(
    '%s: the card is named, and a tap on the card opens its page',
    async (frame) => {
      const run = await launch(issuer, 'balance', {
        target,
        frame,
        query: { lang: 'en-US', persona: 'good' },
      })
      await status(run, 'balance-card', 'ready')
      await textOf(
        run,
        '#balance-card-switcher .cl-card-switcher__label',
        frame === 'widget-2x2' ? '·· 8888' : 'UnionPay ·· 8888',
      )
      // The eye keeps its own meaning.
      await run.query('#balance-mask-toggle')!.tap()
      expect(run.pageStack).toHaveLength(1)
      await run.query('#balance-card .cl-widget-card__title')!.tap()
      await run.waitFor('the balance page opened', () => run.pageStack.length === 2)
      expect(run.pageStack[1]).toEqual({
        route: 'pages/balance/index',
        query: { lang: 'en-US', persona: 'good' },
      })
    },
  )

  test('a sign-out: every widget on home offers sign-in, nothing of the account stays', async () => {
    const run = await launch(issuer, 'home', { target, query: { lang: 'en-US' } })
    await status(run, 'balance-card', 'ready')
    await status(run, 'paycode-card', 'online')
    await run.query('#account-sign-out')!.tap()
    for (const card of ['balance-card', 'bill-card', 'paycode-card']) {
      await status(run, card, 'signed_out')
    }
    expect(run.query('#balance-available')).toBeNull()
    expect(run.query('#paycode-qr')).toBeNull()
    expect(run.queryAll('#error-banner').map((b) => b.attribute('data-status'))).toEqual([
      'signed_out',
      'signed_out',
      'signed_out',
    ])
  })

  test('a first answer with a malformed body: once the issuer is fine, Retry recovers', async () => {
    await issuer.faults([{ route: '/v1/cards/*/balance', body: 'malformed' }])
    const run = await launch(issuer, 'balance', { target, query: { lang: 'en-US' } })
    await status(run, 'balance-card', 'error')
    await status(run, 'error-banner', 'malformed')
    await issuer.clearFaults()
    await run.query('#error-banner .cl-error-banner__action')!.tap()
    await status(run, 'balance-card', 'ready')
    await textOf(run, '#balance-available', 'CN¥46,114.57')
  })
})
