/**
 * Cardlet's widgets inside a bank's own WeChat mini-program (examples/native-host with the
 * embed build's `cardlet/` folder copied in, `npm run build:embed:weapp`), driven through
 * the official client as a QA engineer drives it in DevTools: the host folder is the
 * project, each widget is a custom component on the bank's page, and the widget's stable
 * ids are found inside it with the component's own `element.$`. The project picks the
 * backend, so this always runs on the bridge's weapp backend (docs/qa.md "Widgets
 * embedded in your own mini-program").
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Balance } from '@contract'
import automator from 'miniprogram-automator'
import type { CustomElement } from 'miniprogram-automator/out/Element'

import { formatMoney } from '@/lib/money'

import { assembleHost, EMBED_WEAPP } from '../miniprogram/support'
import { SandboxApi } from '../support/sandbox-api'
import {
  BRIDGE_CLI,
  bridgeIssuer,
  type Element,
  type MiniProgram,
  opened,
  type Page,
  SETUP_TIMEOUT_MS,
  statusOf,
  waitForStatus,
} from './support'

jest.setTimeout(120_000)

let miniProgram: MiniProgram
let issuer: string
let page: Page

/** The host page's custom component `#id` (a widget), failing the test when it is missing. */
async function component(id: string): Promise<Element> {
  const element = await page.$(`#${id}`)
  if (!element) throw new Error(`#${id} is not on ${page.path}`)
  return element
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(EMBED_WEAPP, 'cardlet', 'host.js'))) {
    throw new Error(`no embed build at ${EMBED_WEAPP}: run \`npm run build:embed:weapp\` first`)
  }
  // The bridge starts its own sandbox issuer and routes the origin the host's app.js
  // calls (http://127.0.0.1:4010) to it. Until a script mocks `login`, the harness's
  // wx.login answers `sandbox:good`: the host signs in with it as its first page opens.
  miniProgram = await automator.launch({
    cliPath: BRIDGE_CLI,
    projectPath: assembleHost('native-host'),
    timeout: 60_000,
  })
  issuer = await bridgeIssuer(miniProgram)
  page = await opened(miniProgram.currentPage())
}, SETUP_TIMEOUT_MS)

afterAll(async () => {
  await miniProgram?.close()
})

test('the bank page holds the three widgets as custom components, as in DevTools', async () => {
  expect(page.path).toBe('pages/bank/index')
  const widgets = await Promise.all(['balance', 'pay-code', 'bill'].map(component))
  expect(widgets.map((widget) => widget.tagName)).toEqual([
    'cardlet-balance',
    'cardlet-pay-code',
    'cardlet-bill',
  ])
  // The answer carries a nodeId, so the client makes each a CustomElement (else `data`
  // would be no function); its data is not modelled on the weapp backend.
  await expect((widgets[0] as CustomElement).data()).rejects.toThrow(
    'Element.getData is not supported on the weapp backend by the Cardlet automator bridge',
  )
})

test('balance: ready inside its component, with the figure from the bridge’s sandbox', async () => {
  const balance = await component('balance')
  await waitForStatus(balance, 'balance-card', 'ready')

  const api = new SandboxApi(issuer, 'good')
  const figures = await api.get<Balance>(`/v1/cards/${await api.firstCardId()}/balance`)
  const available = await balance.$('#balance-available')
  // The host's props ask for en-US.
  expect(await available?.text()).toBe(
    formatMoney({ amount: figures.available_credit.amount, currency: 'CNY' }, 'en-US'),
  )
})

test('pay code: online inside its component; a query inside one widget stays there', async () => {
  const payCode = await component('pay-code')
  await waitForStatus(payCode, 'paycode-card', 'online')
  expect(await payCode.$$('#paycode-card')).toHaveLength(1)
  // The balance card is on the page, but not inside this component.
  await waitForStatus(await component('balance'), 'balance-card', 'ready')
  expect(await statusOf(payCode, 'balance-card')).toBeNull()
})
