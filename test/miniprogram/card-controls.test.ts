import type { MiniRun } from '../../tools/miniprogram'
import { resetSandbox, scan, setPaymentPin } from '../support/sandbox-controls'
import { closeRuns, launch, qrFromCanvas, setupIssuer, status, TARGETS, textOf } from './support'

/**
 * Card lock and the payment PIN in the production mini-program builds, against the
 * sandbox over HTTP: WeChat rendered by its own runtime, Alipay and JD as Taro's tree.
 */
const issuer = setupIssuer()

afterEach(async () => {
  closeRuns()
  await resetSandbox(issuer.current.sandbox.base)
})

async function tap(run: MiniRun, selector: string): Promise<void> {
  const node = run.query(selector)
  if (!node) throw new Error(`${selector} is not on the page`)
  await node.tap()
}

/** Types `pin` on the pad `pad` once it is on the page (it opens a render after its tap). */
async function typePin(run: MiniRun, pad: string, pin: string): Promise<void> {
  await run.waitFor(`#${pad}`, () => run.query(`#${pad}`))
  for (const digit of pin) await tap(run, `#${pad}-key-${digit}`)
}

describe.each(TARGETS)('%s', (target) => {
  test('lock with its confirmation (a double tap locks once), no code while locked, unlock pays', async () => {
    const run = await launch(issuer.current, 'pay-code', { target, query: { lang: 'en-US' } })
    await status(run, 'paycode-card', 'online')
    await status(run, 'card-lock', 'unlocked')
    await tap(run, '#card-lock-toggle')
    await textOf(
      run,
      '#card-lock-confirm .cl-card-lock__question',
      'Lock card ··8888? Every payment is declined until you unlock it.',
    )
    const lockCalls = () =>
      run.calls.filter((c) => c.name === 'request' && /\/lock$/.test(String(c.options.url)))
    await Promise.all([tap(run, '#card-lock-confirm-yes'), tap(run, '#card-lock-confirm-yes')])
    await status(run, 'card-lock', 'locked')
    expect(lockCalls()).toHaveLength(1)
    await status(run, 'paycode-card', 'locked')
    await textOf(run, '#paycode-locked .cl-paycode__locked-title', 'Card locked')
    expect(run.query('#paycode-qr')).toBeNull()

    await Promise.all([tap(run, '#card-lock-toggle'), tap(run, '#card-lock-toggle')])
    await status(run, 'card-lock', 'unlocked')
    expect(lockCalls()).toHaveLength(2)
    await status(run, 'paycode-card', 'online')
    const code = await qrFromCanvas(run)
    const paid = await scan(issuer.current.sandbox.base, code, 'success', 1_500, 'Luckin')
    expect(paid.body).toMatchObject({ status: 'succeeded' })
  })

  test('watch-round-s: with a PIN, no code until it; a wrong PIN says the tries left', async () => {
    await setPaymentPin(issuer.current.sandbox.base, 'good', '730195')
    const run = await launch(issuer.current, 'pay-code', {
      target,
      frame: 'watch-round-s',
      query: { lang: 'zh-CN', theme: 'dark' },
    })
    await status(run, 'paycode-card', 'check')
    expect(run.query('#paycode-qr')).toBeNull()
    await typePin(run, 'paycode-pin', '000000')
    await textOf(run, '#paycode-pin-message', '密码错误，还可尝试 4 次')
    await typePin(run, 'paycode-pin', '730195')
    await status(run, 'paycode-card', 'online')
    expect(run.query('#paycode-pin')).toBeNull()
  })
})

test('weapp: SOTER stands in for the PIN once the cardholder turns it on (with the PIN)', async () => {
  await setPaymentPin(issuer.current.sandbox.base, 'good', '730195')
  const home = await launch(issuer.current, 'home', { target: 'weapp', query: { lang: 'en-US' } })
  await status(home, 'pin-settings', 'on')
  await textOf(home, '#pin-settings-biometrics', 'Fingerprint or face: off')
  await tap(home, '#pin-settings-biometrics')
  await typePin(home, 'pin-settings-pad', '730195')
  await textOf(home, '#pin-settings-biometrics', 'Fingerprint or face: on')
  closeRuns()

  const run = await launch(issuer.current, 'pay-code', {
    target: 'weapp',
    query: { lang: 'en-US' },
  })
  await status(run, 'paycode-card', 'check')
  await textOf(run, '#paycode-pin-biometrics', 'Use fingerprint or face')
  await tap(run, '#paycode-pin-biometrics')
  await status(run, 'paycode-card', 'online')
  expect(run.query('#paycode-pin')).toBeNull()
})
