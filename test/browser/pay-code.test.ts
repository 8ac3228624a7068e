import fs from 'node:fs'

import {
  BarcodeFormat,
  BinaryBitmap,
  Code128Reader,
  DecodeHintType,
  HybridBinarizer,
  RGBLuminanceSource,
} from '@zxing/library'
import jsQR from 'jsqr'
import type { BrowserContext, Page } from 'playwright-core'
import { PNG } from 'pngjs'

import { cnyText } from '../support/money'
import { advanceClock, scan as scanAt, type ScanOutcome } from '../support/sandbox-controls'
import { frame, openInFrame, saveScreenshot, setupStack } from './support'

type FrameName = 'watch-round-l' | 'phone'

const PAY_CODE = /^62\d{17}$/

let context: BrowserContext | undefined

const stack = setupStack()

afterEach(async () => {
  // A page left open would keep fetching codes for the same card and revoke the next test's.
  await context?.close()
  context = undefined
})

async function openPayCode(frameId: FrameName, persona = 'good'): Promise<Page> {
  const opened = await openInFrame(stack.browser, frame(frameId), 'about:blank')
  context = opened.context
  await opened.page.goto(`${stack.server.url}/#/pages/pay-code/index?persona=${persona}`)
  return opened.page
}

async function cardStatus(page: Page, status: string, timeout = 15_000): Promise<void> {
  await page.locator(`#paycode-card[data-status="${status}"]`).waitFor({ timeout })
}

function rgbaOf(png: Buffer): { data: Uint8ClampedArray; width: number; height: number } {
  const image = PNG.sync.read(png)
  return { data: new Uint8ClampedArray(image.data), width: image.width, height: image.height }
}

/** On a compact frame the result covers the code: its button brings the code back. */
async function showCode(page: Page, frameId: FrameName): Promise<void> {
  if (!frame(frameId).compact) return
  await page.locator('#paycode-result-dismiss').click()
  await page.locator('#paycode-result[data-status="none"]').waitFor({ state: 'attached' })
}

/** The QR as a scanner at the till sees it: decoded by jsQR from a screenshot of the page. */
async function qrFromScreen(page: Page, name: string): Promise<string> {
  await page.locator('#paycode-qr[data-format="qr"][data-status="drawn"]').waitFor()
  // The canvas may be composited a frame after it reports drawn: a few bounded tries.
  for (let attempt = 1; ; attempt++) {
    const file = await saveScreenshot(page, name)
    const { data, width, height } = rgbaOf(fs.readFileSync(file))
    const text = jsQR(data, width, height)?.data
    if (text) return text
    if (attempt >= 10) throw new Error(`no QR code in screenshot ${file}`)
    await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(resolve)))
  }
}

/** Waits (bounded) until the QR on screen differs from `old`, and returns it. */
async function nextQr(page: Page, old: string, name: string, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const code = await qrFromScreen(page, name).catch(() => undefined)
    if (code && code !== old) return code
    if (Date.now() > until) throw new Error(`the QR still shows the old code after ${timeoutMs} ms`)
    await page.waitForTimeout(500)
  }
}

/** The Code 128 barcode decoded by @zxing/library from an element screenshot. */
async function barcodeFromScreen(page: Page): Promise<string> {
  const element = page.locator('#paycode-barcode[data-format="code128"][data-status="drawn"]')
  await element.waitFor()
  const { data, width, height } = rgbaOf(await element.screenshot())
  const luminance = new Uint8ClampedArray(width * height)
  for (let i = 0; i < luminance.length; i++) luminance[i] = data[i * 4]!
  const bitmap = new BinaryBitmap(
    new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)),
  )
  const hints = new Map([[DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]]])
  return new Code128Reader().decode(bitmap, hints).getText()
}

/** The till, on this file's stack. */
const scan = (code: string, outcome: ScanOutcome, amount: number, merchant: string) =>
  scanAt(stack.server.url, code, outcome, amount, merchant)

async function expectResult(page: Page, status: string, amount: number, merchant: string) {
  await page.locator(`#paycode-result[data-status="${status}"]`).waitFor({ timeout: 30_000 })
  await expect(page.locator('#paycode-result-amount').innerText()).resolves.toBe(cnyText(amount))
  await expect(page.locator('#paycode-result-merchant').innerText()).resolves.toBe(merchant)
}

describe.each<FrameName>(['watch-round-l', 'phone'])('pay code at %s', (frameId) => {
  test('the QR on screen pays; the widget shows the result and moves to a fresh code', async () => {
    const page = await openPayCode(frameId)
    await cardStatus(page, 'online')
    await expect(page.locator('#paycode-result').getAttribute('data-status')).resolves.toBe('none')
    const code = await qrFromScreen(page, `paycode-${frameId}-online`)
    expect(code).toMatch(PAY_CODE)

    // The barcode carries the same digits.
    await expect(barcodeFromScreen(page)).resolves.toBe(code)

    // Digits are masked (last four only) until revealed, and in clear afterwards.
    const digits = page.locator('#paycode-digits')
    await expect(digits.getAttribute('data-masked')).resolves.toBe('true')
    const masked = await digits.innerText()
    expect(masked.endsWith(code.slice(-4))).toBe(true)
    expect(masked.replace(/\D/g, '')).toBe(code.slice(-4))
    await page.locator('#paycode-reveal').click()
    await expect(digits.getAttribute('data-masked')).resolves.toBe('false')
    await expect(digits.innerText()).resolves.toBe(code.replace(/(\d{4})(?=\d)/g, '$1 '))

    const answer = await scan(code, 'success', 12_345, '星巴克 国贸店')
    expect(answer).toEqual({
      status: 200,
      body: {
        pay_code_id: expect.any(String),
        status: 'succeeded',
        transaction_id: expect.stringMatching(/^tx_/),
      },
    })
    await expectResult(page, 'succeeded', 12_345, '星巴克 国贸店')
    await saveScreenshot(page, `paycode-${frameId}-paid`)

    // The used code is gone: a fresh one is on screen (on a watch, under the result until
    // it is dismissed), masked again, and the old one is refused.
    await showCode(page, frameId)
    const fresh = await nextQr(page, code, `paycode-${frameId}-fresh`, 15_000)
    expect(fresh).toMatch(PAY_CODE)
    await expect(digits.getAttribute('data-masked')).resolves.toBe('true')
    await expect(scan(code, 'success', 100, 'again')).resolves.toMatchObject({
      status: 409,
      body: { code: 'code_used' },
    })
  })

  test('a declined payment is shown as declined, with amount and merchant', async () => {
    const page = await openPayCode(frameId)
    await cardStatus(page, 'online')
    const code = await qrFromScreen(page, `paycode-${frameId}-decline`)
    const answer = await scan(code, 'decline', 880_00, 'Apple Store')
    expect(answer.body.status).toBe('declined')
    await expectResult(page, 'declined', 880_00, 'Apple Store')
    await saveScreenshot(page, `paycode-${frameId}-declined`)
    await showCode(page, frameId)
    expect(await nextQr(page, code, `paycode-${frameId}-after-decline`, 15_000)).toMatch(PAY_CODE)
  })
})

test('phone: a pending payment is shown pending, then succeeded', async () => {
  const page = await openPayCode('phone')
  await cardStatus(page, 'online')
  const code = await qrFromScreen(page, 'paycode-phone-pending')
  await expect(scan(code, 'pending_then_success', 4_200, '全家便利店')).resolves.toMatchObject({
    status: 200,
    body: { status: 'pending' },
  })
  await expectResult(page, 'pending', 4_200, '全家便利店')
  await expectResult(page, 'succeeded', 4_200, '全家便利店')
})

test('round 466: an expired code is refused by the issuer and replaced on screen', async () => {
  const page = await openPayCode('watch-round-l')
  await cardStatus(page, 'online')
  const code = await qrFromScreen(page, 'paycode-watch-round-l-before-expiry')
  await advanceClock(stack.server.url, 61)
  await expect(scan(code, 'success', 100, 'late till')).resolves.toMatchObject({
    status: 410,
    body: { code: 'code_expired' },
  })
  // The widget learns of the expiry from its long-poll (at most 25 s) and shows a new code.
  const fresh = await nextQr(page, code, 'paycode-watch-round-l-after-expiry', 40_000)
  expect(fresh).toMatch(PAY_CODE)
  await cardStatus(page, 'online')
  const answer = await scan(fresh, 'success', 1_00, 'on time')
  expect(answer.status).toBe(200)
  await expectResult(page, 'succeeded', 1_00, 'on time')
}, 90_000)

describe.each<FrameName>(['watch-round-l', 'phone'])('offline at %s', (frameId) => {
  test('with the network cut the seed still yields a scannable code, accepted once back', async () => {
    const opened = await openInFrame(stack.browser, frame(frameId), 'about:blank')
    context = opened.context
    const page = opened.page
    const seed = page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        /\/pay-codes$/.test(new URL(r.url()).pathname) &&
        r.request().postData()?.includes('"offline"') === true,
    )
    await page.goto(`${stack.server.url}/#/pages/pay-code/index?persona=good`)
    await cardStatus(page, 'online')
    const online = await qrFromScreen(page, `paycode-${frameId}-before-offline`)
    const seedResponse = await seed
    expect(seedResponse.status()).toBe(201)
    const { seed_ref: seedRef } = (await seedResponse.json()) as { seed_ref: string }

    await context.setOffline(true)
    const issuerCalls: string[] = []
    page.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/v1/')) {
        issuerCalls.push(`${r.method()} ${new URL(r.url()).pathname}`)
      }
    })
    await cardStatus(page, 'offline', 45_000)
    await expect(page.locator('#paycode-offline').innerText()).resolves.not.toBe('')
    // The offline code is a TOTP: it may roll over between two reads. The barcode must
    // carry what the QR shows, so it is read between two QR reads of the same code
    // (at most one rollover can fall in the way: the period is far longer than a read).
    let offline = ''
    let barcode = ''
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const before = await qrFromScreen(page, `paycode-${frameId}-offline`)
      barcode = await barcodeFromScreen(page).catch(() => 'no barcode')
      offline = await qrFromScreen(page, `paycode-${frameId}-offline`)
      if (before === offline) break
    }
    expect(offline).toMatch(PAY_CODE)
    expect(offline.slice(2, 11)).toBe(seedRef)
    expect(offline).not.toBe(online)
    expect(barcode).toBe(
      frameId === 'phone' || frameId === 'watch-round-l' ? offline : 'no barcode',
    )

    // The till is online: the offline code pays.
    const answer = await scan(offline, 'success', 3_650, '罗森')
    expect(answer).toMatchObject({ status: 200, body: { status: 'succeeded' } })
    // While the browser reports no network the widget sends nothing, not even a probe.
    expect(issuerCalls).toEqual([])

    // Its `online` event probes at once (a timed probe would be up to 60 s away).
    await context.setOffline(false)
    await cardStatus(page, 'online', 10_000)
    // The payment made offline is shown once the issuer answers again.
    await expectResult(page, 'succeeded', 3_650, '罗森')
    await showCode(page, frameId)
    const back = await qrFromScreen(page, `paycode-${frameId}-back-online`)
    expect(back).toMatch(PAY_CODE)
    expect(back.slice(2, 11)).not.toBe(seedRef)
  }, 150_000)
})
