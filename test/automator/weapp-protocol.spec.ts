/**
 * The weapp backend's own protocol surface through the official client over
 * `automator.connect()` (the bridge started in-process on dist/weapp): handshake,
 * routes and page ids, evaluate and mocks in the logic context, console and bindings,
 * WXML, the screenshot, and the "not supported on the weapp backend" answer. Runs in the
 * automator-weapp project only (the H5 bridge has protocol.spec.ts).
 */
import path from 'node:path'

import automator from 'miniprogram-automator'

import type { AutomatorBridge } from '../../tools/automator/bridge'
import { startWeappBridge } from '../../tools/automator/weapp-backend'
import {
  byId,
  ensureBuild,
  eventually,
  idOf,
  issuerUrl,
  type MiniProgram,
  openAs,
  opened,
  savePng,
  SETUP_TIMEOUT_MS,
  waitForStatus,
} from './support'

jest.setTimeout(120_000)

const unsupported = (method: string) =>
  `${method} is not supported on the weapp backend by the Cardlet automator bridge`

describe('automator bridge, weapp backend (round 466 frame)', () => {
  let bridge: AutomatorBridge
  let miniProgram: MiniProgram

  beforeAll(async () => {
    await ensureBuild('weapp')
    bridge = await startWeappBridge({
      distDir: path.resolve(__dirname, '..', '..', 'dist', 'weapp'),
      viewport: { width: 466, height: 466 },
    })
    miniProgram = await automator.connect({ wsEndpoint: bridge.wsEndpoint })
  }, SETUP_TIMEOUT_MS)

  afterAll(async () => {
    await bridge?.close()
  })

  test('Tool.getInfo names the backend and the bridge’s own sandbox issuer', async () => {
    expect(bridge.backend).toBe('weapp')
    expect(await issuerUrl(miniProgram)).toBe(bridge.issuerUrl)
    const health = await fetch(`${bridge.issuerUrl}/v1/cards`)
    expect(health.status).toBe(401)
    const info = (await miniProgram.systemInfo()) as { windowWidth: number; platform: string }
    expect(info.windowWidth).toBe(466)
  })

  test('routes: stable page ids, page stack, WeChat errors', async () => {
    const home = await opened(miniProgram.currentPage())
    expect(home.path).toBe('pages/home/index')
    const bill = await opened(miniProgram.navigateTo('/pages/bill/index?from=qa'))
    expect([bill.path, bill.query]).toEqual(['pages/bill/index', { from: 'qa' }])
    expect((await miniProgram.pageStack()).map(idOf)).toEqual([idOf(home), idOf(bill)])
    const back = await opened(miniProgram.navigateBack())
    expect(idOf(back)).toBe(idOf(home))
    await expect(miniProgram.navigateBack()).rejects.toThrow(
      'navigateBack:fail cannot navigate back at first page.',
    )
    await expect(miniProgram.navigateTo('/pages/nowhere/index')).rejects.toThrow(
      'navigateTo:fail page "pages/nowhere/index" is not found',
    )
    await expect(miniProgram.switchTab('/pages/home/index')).rejects.toThrow(
      'switchTab:fail can not switch to no-tabBar page',
    )
  })

  test('evaluate, mocks and bindings run in the app’s logic context', async () => {
    expect(await miniProgram.evaluate((a: number, b: number) => a + b, 1, 2)).toBe(3)
    expect(
      await miniProgram.evaluate(() => {
        const app = globalThis as unknown as { wx: { request: unknown }; getCurrentPages(): [] }
        return [typeof app.wx.request, app.getCurrentPages().length]
      }),
    ).toEqual(['function', 1])
    await expect(
      miniProgram.evaluate(() => {
        throw new Error('evaluated and failed')
      }),
    ).rejects.toThrow('evaluated and failed')

    await miniProgram.mockWxMethod('getStorageInfoSync', { keys: ['mocked'], currentSize: 1 })
    expect(await miniProgram.callWxMethod('getStorageInfoSync')).toEqual({
      keys: ['mocked'],
      currentSize: 1,
    })
    await miniProgram.mockWxMethod(
      'getNetworkType',
      function (this: { origin: unknown }, _options: unknown, type: string) {
        return { networkType: type, hasOrigin: typeof this.origin === 'function' }
      },
      '5g',
    )
    expect(await miniProgram.callWxMethod('getNetworkType')).toEqual({
      networkType: '5g',
      hasOrigin: true,
    })
    await miniProgram.restoreWxMethod('getNetworkType')
    await miniProgram.restoreWxMethod('getStorageInfoSync')
    expect(await miniProgram.callWxMethod('getNetworkType')).toEqual({
      errMsg: 'getNetworkType:ok',
      networkType: 'wifi',
    })

    const logs: unknown[] = []
    miniProgram.on('console', (entry: unknown) => logs.push(entry))
    const calls: unknown[][] = []
    await miniProgram.exposeFunction('qaCallback', (...args: unknown[]) => calls.push(args))
    await miniProgram.evaluate(() => {
      // eslint-disable-next-line no-console -- the app's console is what is under test
      console.info('from the app')
      ;(globalThis as unknown as { qaCallback(...a: unknown[]): void }).qaCallback(1, 'two')
    })
    await eventually(async () => calls.length, 1)
    expect(calls).toEqual([[1, 'two']])
    await eventually(async () => logs.length > 0, true)
    expect(logs).toContainEqual({ type: 'info', args: ['from the app'] })
  })

  test('elements: text, attributes, WXML, tap; the QR code scans off the screenshot', async () => {
    const page = await openAs(miniProgram, 'good', '/pages/pay-code/index')
    await waitForStatus(page, 'paycode-qr', 'drawn')
    const card = await byId(page, 'paycode-card')
    expect(card.tagName).toBe('view')
    expect(await card.attribute('data-status')).toBe('online')
    expect(await card.attribute('missing-attribute')).toBeNull()
    expect(await card.$('#paycode-digits')).not.toBeNull()
    expect(await page.$('.no-such-element')).toBeNull()
    expect(await (await byId(page, 'paycode-digits')).wxml()).toMatch(/\d/)
    const outer = await card.outerWxml()
    expect(outer).toMatch(/^<view class="cl-widget-card"[^>]* data-status="online"/)

    const png = savePng((await miniProgram.screenshot()) as string, 'automator-weapp-466')
    expect([png.width, png.height]).toEqual([466, 466])

    await expect(card.offset()).rejects.toThrow(unsupported('Element.getOffset'))
    await expect(card.style('display')).rejects.toThrow(unsupported('Element.getStyles'))
    await expect(page.setData({ a: 1 })).rejects.toThrow(unsupported('Page.setData'))
  })
})
