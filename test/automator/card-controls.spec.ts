/**
 * The card lock and the payment PIN pad driven through the official miniprogram-automator
 * client by their stable ids, on both bridge backends (H5 and weapp), as a bank's QA
 * script would: the pad's keys are `paycode-pin-key-0` … `9`, the lock `card-lock-toggle`
 * with its confirmation, the state in `data-status`.
 */
import { setCardLock, setPaymentPin } from '../support/sandbox-controls'
import {
  byId,
  eventually,
  issuerUrl,
  launch,
  type MiniProgram,
  openAs,
  type Page,
  SETUP_TIMEOUT_MS,
  waitForStatus,
} from './support'

jest.setTimeout(120_000)

const PIN = '730195'
let miniProgram: MiniProgram
let issuer: string

beforeAll(async () => {
  miniProgram = await launch()
  issuer = await issuerUrl(miniProgram)
}, SETUP_TIMEOUT_MS)

afterAll(async () => {
  await miniProgram?.close()
})

/** Taps `#id` once it is on the page (a dialog opens a render after the tap that asked). */
async function tap(page: Page, id: string): Promise<void> {
  await eventually(async () => (await page.$(`#${id}`)) !== null, true)
  await (await byId(page, id)).tap()
}

test('the PIN pad before the code, then lock and unlock, by stable ids', async () => {
  await setPaymentPin(issuer, 'good', PIN)
  try {
    const page = await openAs(miniProgram, 'good', '/pages/pay-code/index')
    await waitForStatus(page, 'paycode-card', 'check')
    expect(await page.$('#paycode-qr')).toBeNull()
    for (const digit of PIN) await tap(page, `paycode-pin-key-${digit}`)
    await waitForStatus(page, 'paycode-card', 'online')

    await tap(page, 'card-lock-toggle')
    await tap(page, 'card-lock-confirm-yes')
    await waitForStatus(page, 'card-lock', 'locked')
    await waitForStatus(page, 'paycode-card', 'locked')
    expect(await page.$('#paycode-qr')).toBeNull()

    // The grant from the PIN a moment ago still stands: unlocking asks nothing more.
    await tap(page, 'card-lock-toggle')
    await waitForStatus(page, 'card-lock', 'unlocked')
    await waitForStatus(page, 'paycode-card', 'online')
  } finally {
    // The persona is shared with the other specs of this run.
    await setPaymentPin(issuer, 'good', null, PIN)
    await setCardLock(issuer, 'good', 'card_good_8888', false)
  }
})
