/**
 * The bridge's protocol surface through the official client over `automator.connect()`,
 * on the round 466 watch frame: routes and page ids, element methods, mocks, evaluate,
 * exposeFunction, console and exception events, screenshots, unsupported methods, close.
 */
import automator from 'miniprogram-automator'

import {
  AGENT_DIST,
  type AutomatorBridge,
  startAutomatorBridge,
} from '../../tools/automator/bridge'
import {
  byId,
  cnyText,
  ensureAgentBuild,
  eventually,
  idOf,
  type MiniProgram,
  openAs,
  opened,
  type Page,
  savePng,
  SETUP_TIMEOUT_MS,
  waitForStatus,
} from './support'

jest.setTimeout(120_000)

const unsupported = (method: string) =>
  `${method} is not supported on H5 by the Cardlet automator bridge`

describe('automator bridge protocol (round 466 frame)', () => {
  let bridge: AutomatorBridge
  let miniProgram: MiniProgram
  let balance: Page

  beforeAll(async () => {
    await ensureAgentBuild()
    bridge = await startAutomatorBridge({ distDir: AGENT_DIST, frame: 'watch-round-l' })
    miniProgram = await automator.connect({ wsEndpoint: bridge.wsEndpoint })
    balance = await openAs(miniProgram, 'good', '/pages/balance/index')
    await waitForStatus(balance, 'balance-card', 'ready')
  }, SETUP_TIMEOUT_MS)

  afterAll(async () => {
    await bridge?.close()
  })

  test('screenshot is a PNG of the 466 × 466 frame; page.data() names the frame', async () => {
    const png = savePng((await miniProgram.screenshot()) as string, 'automator-round-466')
    expect([png.width, png.height]).toEqual([466, 466])
    expect(await balance.data('frame')).toBe('watch-round-l')
  })

  test('element text, attribute, style, offset, size, and scoped queries', async () => {
    const card = await byId(balance, 'balance-card')
    expect(card.tagName).toBe('view')
    const available = await card.$('#balance-available')
    expect(available).not.toBeNull()
    // Masked by default on a watch face.
    expect(await available!.text()).toBe('¥****')
    expect(await available!.attribute('data-masked')).toBe('true')
    expect(await card.attribute('missing-attribute')).toBeNull()

    const box = (await miniProgram.evaluate(() => {
      const el = document.querySelector('.taro_page_show #balance-card') as HTMLElement
      const rect = el.getBoundingClientRect()
      return {
        left: rect.left + window.scrollX,
        top: rect.top + window.scrollY,
        width: el.offsetWidth,
        height: el.offsetHeight,
        display: getComputedStyle(el).display,
        statuses: document.querySelectorAll('.taro_page_show [data-status]').length,
      }
    })) as Record<string, number | string>
    expect(await card.offset()).toEqual({ left: box.left, top: box.top })
    expect(await card.size()).toEqual({ width: box.width, height: box.height })
    expect(await card.style('display')).toBe(box.display)
    expect(await balance.$$('[data-status]')).toHaveLength(box.statuses as number)
    expect(await balance.$('.no-such-element')).toBeNull()
    await balance.waitFor('#balance-mask-toggle')
  })

  test('tap, longpress and trigger reach the element', async () => {
    const toggle = await byId(balance, 'balance-mask-toggle')
    await toggle.tap()
    const available = await byId(balance, 'balance-available')
    await eventually(() => available.attribute('data-masked'), 'false')

    await miniProgram.evaluate(() => {
      const w = window as unknown as { seen: unknown[] }
      w.seen = []
      const el = document.querySelector('.taro_page_show #balance-card') as HTMLElement
      const record = (event: Event) =>
        w.seen.push([
          event.type,
          (event as TouchEvent).touches ? (event as TouchEvent).touches.length : -1,
          event instanceof CustomEvent ? event.detail : null,
          Math.round(performance.now()),
        ])
      el.addEventListener('touchstart', record)
      el.addEventListener('touchend', record)
      el.addEventListener('qa-ping', record)
    })
    const card = await byId(balance, 'balance-card')
    await card.longpress()
    await card.trigger('qa-ping', { from: 'automator' })
    const seen = (await miniProgram.evaluate(
      () => (window as unknown as { seen: unknown[] }).seen,
    )) as [string, number, unknown, number][]
    expect(seen.map(([type, touches, detail]) => [type, touches, detail])).toEqual([
      ['touchstart', 1, null],
      ['touchend', 0, null],
      ['qa-ping', -1, { from: 'automator' }],
    ])
    expect(seen[1]![3] - seen[0]![3]).toBeGreaterThanOrEqual(300)
  })

  test('routes: unique page ids, queries scoped to the top page, WeChat errors', async () => {
    const home = await opened(miniProgram.reLaunch('/pages/home/index'))
    expect(await miniProgram.pageStack()).toEqual([home])
    expect(idOf(home)).not.toBe(idOf(balance))
    await waitForStatus(home, 'balance-card', 'ready')

    const bill = await opened(miniProgram.navigateTo('/pages/bill/index?from=qa'))
    expect([bill.path, bill.query]).toEqual(['pages/bill/index', { from: 'qa' }])
    expect((await miniProgram.pageStack()).map(idOf)).toEqual([idOf(home), idOf(bill)])
    // The home page is still in the DOM (hidden) but the bill page's queries never see it.
    expect(await bill.$('#balance-card')).toBeNull()
    expect(await bill.$('#bill-card')).not.toBeNull()
    expect(await home.$('#balance-card')).not.toBeNull()

    const again = await opened(miniProgram.redirectTo('/pages/bill/index'))
    expect(idOf(again)).not.toBe(idOf(bill))
    expect((await miniProgram.pageStack()).map(idOf)).toEqual([idOf(home), idOf(again)])
    await expect(bill.$$('view')).rejects.toThrow(
      `page ${idOf(bill)} is no longer in the page stack`,
    )

    expect(await miniProgram.navigateBack()).toBe(home)
    await expect(miniProgram.navigateBack()).rejects.toThrow(
      'navigateBack:fail cannot navigate back at first page.',
    )
    await expect(miniProgram.switchTab('/pages/bill/index')).rejects.toThrow(
      'switchTab:fail can not switch to no-tabBar page',
    )
    await expect(miniProgram.navigateTo('/pages/nope/index')).rejects.toThrow(
      'navigateTo:fail page "pages/nope/index" is not found',
    )
    balance = await opened(miniProgram.reLaunch('/pages/balance/index'))
    await waitForStatus(balance, 'balance-card', 'ready')
  })

  test('storage and getSystemInfoSync: call, mock with a result or a function, restore', async () => {
    await miniProgram.callWxMethod('setStorageSync', 'qa-key', 'stored')
    expect(await miniProgram.callWxMethod('getStorageSync', 'qa-key')).toBe('stored')
    await miniProgram.mockWxMethod('getStorageSync', 'mocked')
    expect(await miniProgram.callWxMethod('getStorageSync', 'qa-key')).toBe('mocked')
    await miniProgram.restoreWxMethod('getStorageSync')
    expect(await miniProgram.callWxMethod('getStorageSync', 'qa-key')).toBe('stored')

    const real = (await miniProgram.systemInfo()) as { windowWidth: number; platform: string }
    expect(real.windowWidth).toBe(466)
    await miniProgram.mockWxMethod(
      'getSystemInfoSync',
      function (this: { origin: () => object }, platform: string) {
        return Object.assign({}, this.origin(), { platform: platform })
      },
      'watchos',
    )
    expect(await miniProgram.systemInfo()).toEqual({ ...real, platform: 'watchos' })
    await miniProgram.restoreWxMethod('getSystemInfoSync')
    expect(await miniProgram.systemInfo()).toEqual(real)
  })

  test('request: a fixed result, then a function mock the widget shows, then restored', async () => {
    await miniProgram.mockWxMethod('request', { statusCode: 200, data: { ok: 1 }, header: {} })
    expect(await miniProgram.callWxMethod('request', { url: '/anything' })).toEqual({
      statusCode: 200,
      data: { ok: 1 },
      header: {},
    })

    await miniProgram.mockWxMethod(
      'request',
      function (
        this: { origin: (o: object) => unknown },
        options: { url: string },
        amount: number,
      ) {
        const match = /\/v1\/cards\/([^/]+)\/balance$/.exec(options.url)
        if (!match) return this.origin(options)
        const money = function (value: number) {
          return { amount: value, currency: 'CNY' }
        }
        return {
          statusCode: 200,
          header: { 'Content-Type': 'application/json', 'X-Request-Id': 'req_mocked' },
          data: JSON.stringify({
            card_id: match[1],
            available_credit: money(amount),
            credit_limit: money(5000000),
            current_balance: money(0),
            pending_amount: money(0),
            as_of: new Date().toISOString(),
          }),
        }
      },
      4321_00,
    )
    balance = await openAs(miniProgram, 'good', '/pages/balance/index')
    await waitForStatus(balance, 'balance-card', 'ready')
    await (await byId(balance, 'balance-mask-toggle')).tap()
    const available = await byId(balance, 'balance-available')
    await eventually(() => available.text(), cnyText(4321_00))

    await miniProgram.restoreWxMethod('request')
    balance = await openAs(miniProgram, 'maxed', '/pages/balance/index')
    await waitForStatus(balance, 'balance-card', 'ready')
    await (await byId(balance, 'balance-mask-toggle')).tap()
    await eventually(async () => (await byId(balance, 'balance-available')).text(), '¥0.00')
  })

  test('evaluate runs in the page and returns JSON values', async () => {
    expect(await miniProgram.evaluate((a: number, b: number) => a + b, 1, 2)).toBe(3)
    expect(
      await miniProgram.evaluate(() => document.querySelectorAll('.taro_page_show').length),
    ).toBe(1)
    await expect(
      miniProgram.evaluate(() => {
        throw new Error('evaluated and failed')
      }),
    ).rejects.toThrow('evaluated and failed')
  })

  test('exposeFunction: the page calls back into the test, also after a reLaunch', async () => {
    const calls: unknown[][] = []
    await miniProgram.exposeFunction('onQaHit', (...args: unknown[]) => calls.push(args))
    await miniProgram.evaluate(() => {
      ;(window as unknown as { onQaHit(...a: unknown[]): void }).onQaHit('first', { n: 1 })
    })
    await eventually(async () => calls.length, 1)
    balance = await opened(miniProgram.reLaunch('/pages/balance/index'))
    await miniProgram.evaluate(() => {
      ;(window as unknown as { onQaHit(...a: unknown[]): void }).onQaHit('second')
    })
    await eventually(async () => calls.length, 2)
    expect(calls).toEqual([['first', { n: 1 }], ['second']])
  })

  test('console and exception events', async () => {
    const logs: { type: string; args: unknown[] }[] = []
    const exceptions: { message: string }[] = []
    miniProgram.on('console', (entry: { type: string; args: unknown[] }) => logs.push(entry))
    miniProgram.on('exception', (entry: { message: string }) => exceptions.push(entry))
    await miniProgram.evaluate(() => {
      console.warn('qa says', { level: 2 })
      setTimeout(() => {
        throw new Error('qa boom')
      }, 0)
    })
    await eventually(async () => logs.some((l) => l.args[0] === 'qa says'), true)
    expect(logs.find((l) => l.args[0] === 'qa says')).toEqual({
      type: 'warn',
      args: ['qa says', { level: 2 }],
    })
    await eventually(async () => exceptions.some((e) => e.message === 'qa boom'), true)
  })

  test('input on a non-input element and unsupported methods fail clearly', async () => {
    const card = await byId(balance, 'balance-card')
    const calls: [() => Promise<unknown>, string][] = [
      [() => balance.setData({ x: 1 }), unsupported('Page.setData')],
      [() => balance.callMethod('onTap'), unsupported('Page.callMethod')],
      [() => balance.size(), unsupported('Page.getWindowProperties')],
      [() => balance.getElementsByXpath('//view'), unsupported('Page.getElementsByXpath')],
      [() => card.wxml(), unsupported('Element.getWXML')],
      [() => card.property('value'), unsupported('Element.getProperties')],
      [() => card.dispatchEvent({ eventName: 'tap' }), unsupported('Element.dispatchEvent')],
      [() => miniProgram.pageScrollTo(100), unsupported('App.callWxMethod(pageScrollTo)')],
      [() => miniProgram.callWxMethod('showModal', {}), unsupported('App.callWxMethod(showModal)')],
      [() => miniProgram.mockWxMethod('showModal', {}), unsupported('App.mockWxMethod(showModal)')],
      [() => miniProgram.testAccounts(), unsupported('Tool.getTestAccounts')],
      [() => miniProgram.native().goHome(), unsupported('Tool.native')],
      [() => miniProgram.getTicket(), unsupported('Tool.getTicket')],
    ]
    for (const [call, message] of calls) await expect(call()).rejects.toThrow(message)
  })

  test('close() ends the bridge: the endpoint stops answering', async () => {
    await miniProgram.close()
    await expect(automator.connect({ wsEndpoint: bridge.wsEndpoint })).rejects.toThrow(
      `Failed connecting to ${bridge.wsEndpoint}`,
    )
  })
})
