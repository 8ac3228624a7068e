import {
  BarcodeFormat,
  BinaryBitmap,
  Code128Reader,
  DecodeHintType,
  HybridBinarizer,
  RGBLuminanceSource,
} from '@zxing/library'

import type { MiniRun } from '../../tools/miniprogram'
import { scan as scanAt, type ScanOutcome } from '../support/sandbox-controls'
import {
  cnyText,
  type FrameName,
  launch,
  nextQr,
  qrFromCanvas,
  setupIssuer,
  status,
  TARGETS,
} from './support'

/** The pay code of the production WeChat build, paid at the sandbox's till. */
const PAY_CODE = /^62\d{17}$/

const issuer = setupIssuer()

describe.each(TARGETS)('%s', (target) => {
  const scan = (code: string, outcome: ScanOutcome, amount: number, merchant: string) =>
    scanAt(issuer.current.sandbox.base, code, outcome, amount, merchant)

  /** The Code 128 the page drew on `#paycode-barcode`, decoded by @zxing/library. */
  async function barcodeFromCanvas(run: MiniRun): Promise<string> {
    await status(run, 'paycode-barcode', 'drawn')
    const { data, width, height } = run.canvas('paycode-barcode')!.rasterize()
    const luminance = new Uint8ClampedArray(width * height)
    for (let i = 0; i < luminance.length; i++) luminance[i] = data[i * 4]!
    const bitmap = new BinaryBitmap(
      new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)),
    )
    const hints = new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]]])
    return new Code128Reader().decode(bitmap, hints).getText()
  }

  /** Waits until the QR drawn differs from `old` (a fresh code), and returns it. */
  async function expectResult(run: MiniRun, value: string, amount: number, merchant: string) {
    await status(run, 'paycode-result', value, 30_000)
    expect(run.query('#paycode-result-amount')?.text()).toBe(cnyText(amount))
    expect(run.query('#paycode-result-merchant')?.text()).toBe(merchant)
  }

  describe.each<FrameName>(['phone', 'watch-round-l'])('pay code at %s', (frame) => {
    test('the drawn QR equals the revealed digits and the barcode, pays, and is replaced', async () => {
      const run = await launch(issuer.current, 'pay-code', { target, frame })
      await status(run, 'paycode-card', 'online')
      expect(run.query('#paycode-result')?.attribute('data-status')).toBe('none')
      const code = await qrFromCanvas(run)
      expect(code).toMatch(PAY_CODE)
      await expect(barcodeFromCanvas(run)).resolves.toBe(code)

      // Masked to the last four until the cardholder taps reveal.
      const masked = run.query('#paycode-digits')!.text()
      expect(masked.replace(/\D/g, '')).toBe(code.slice(-4))
      await run.query('#paycode-reveal')!.tap()
      await run.waitFor('revealed digits', () => run.query('#paycode-digits')?.text() !== masked)
      expect(run.query('#paycode-digits')!.text()).toBe(code.replace(/(\d{4})(?=\d)/g, '$1 '))

      await expect(scan(code, 'success', 12_345, '星巴克 国贸店')).resolves.toEqual({
        status: 200,
        body: {
          pay_code_id: expect.any(String),
          status: 'succeeded',
          transaction_id: expect.stringMatching(/^tx_/),
        },
      })
      await expectResult(run, 'succeeded', 12_345, '星巴克 国贸店')
      const fresh = await nextQr(run, code)
      expect(fresh).toMatch(PAY_CODE)
      await expect(scan(code, 'success', 100, 'again')).resolves.toMatchObject({
        status: 409,
        body: { code: 'code_used' },
      })
    })

    test('a declined scan shows declined with amount and merchant', async () => {
      const run = await launch(issuer.current, 'pay-code', { target, frame })
      await status(run, 'paycode-card', 'online')
      const code = await qrFromCanvas(run)
      await expect(scan(code, 'decline', 880_00, 'Apple Store')).resolves.toMatchObject({
        body: { status: 'declined' },
      })
      await expectResult(run, 'declined', 880_00, 'Apple Store')
      expect(await nextQr(run, code)).toMatch(PAY_CODE)
    })
  })

  /** The value of the last call to `name` (what the device is set to now). */
  function last(run: MiniRun, name: string, key: string): unknown {
    const calls = run.calls.filter((c) => c.name === name)
    return calls[calls.length - 1]?.options[key]
  }

  async function screenIs(run: MiniRun, brightness: number, keepScreenOn: boolean) {
    await run.waitFor(
      `brightness ${brightness} and keep-on ${keepScreenOn}`,
      () =>
        last(run, 'setScreenBrightness', 'value') === brightness &&
        last(run, 'setKeepScreenOn', 'keepScreenOn') === keepScreenOn,
    )
  }

  test('screen guard: brightness up and kept on while the code shows, restored on leave', async () => {
    // The harness device starts at brightness 0.5.
    const run = await launch(issuer.current, 'balance', { target })
    await status(run, 'balance-card', 'ready')
    expect(run.calls.some((c) => c.name === 'setScreenBrightness')).toBe(false)
    await run.navigate('navigateTo', '/pages/pay-code/index?frame=phone')
    await status(run, 'paycode-card', 'online')
    await screenIs(run, 1, true)
    await run.navigateBack()
    await screenIs(run, 0.5, false)
    expect(run.pageStack.map((p) => p.route)).toEqual(['pages/balance/index'])
  })

  test('screen guard: home and pay-code page both show a code; the original brightness returns', async () => {
    const run = await launch(issuer.current, 'home', { target })
    await status(run, 'paycode-card', 'online')
    await screenIs(run, 1, true)
    await run.navigate('navigateTo', '/pages/pay-code/index?frame=phone')
    await status(run, 'paycode-card', 'online')
    await screenIs(run, 1, true)
    await run.navigateBack()
    await run.navigate('redirectTo', '/pages/balance/index?frame=phone')
    await status(run, 'balance-card', 'ready')
    await screenIs(run, 0.5, false)
  })

  test('offline: with the network cut the provisioned seed draws a code the till accepts', async () => {
    const run = await launch(issuer.current, 'pay-code', { target })
    await status(run, 'paycode-card', 'online')
    const online = await qrFromCanvas(run)
    // The seed is provisioned a moment after the first online code (SEED_AFTER_CODE_MS):
    // the network is cut once the issuer.current has answered that request.
    await run.waitFor('the offline seed provisioned', () =>
      run.calls.some(
        (c) =>
          c.name === 'request' &&
          c.outcome === 'ok' &&
          String(c.options.url).endsWith('/pay-codes') &&
          String(c.options.data).includes('"mode":"offline"'),
      ),
    )
    if (target === 'weapp') {
      // WeChat keeps the seed in its encrypted storage (Alipay's build keeps it in memory).
      await run.waitFor('the offline seed stored encrypted', () =>
        [...run.storage.values()].some(
          (v) => v.encrypted && JSON.stringify(v.data).includes('seed'),
        ),
      )
    }
    run.setOffline(true)
    await status(run, 'paycode-card', 'offline', 45_000)
    const offline = await nextQr(run, online, 15_000)
    expect(offline).toMatch(PAY_CODE)
    await expect(scan(offline, 'success', 3_650, '罗森')).resolves.toMatchObject({
      status: 200,
      body: { status: 'succeeded' },
    })
    run.setOffline(false)
    await status(run, 'paycode-card', 'online', 10_000)
    await expectResult(run, 'succeeded', 3_650, '罗森')
  }, 150_000)
})
