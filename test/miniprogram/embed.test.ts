import fs from 'node:fs'
import path from 'node:path'

import type { Balance, Statement } from '@contract'

import { formatMoney } from '@/lib/money'

import type { ExparserNode, MiniElement, StoredValue, WeappRun } from '../../tools/miniprogram'
import { scan } from '../support/sandbox-controls'
import {
  assembleHost,
  buildTaroHost,
  EMBED_WEAPP,
  launchHost,
  nextQr,
  qrFromCanvas,
  setupIssuer,
} from './support'

/**
 * Cardlet inside a bank's own WeChat mini-program (examples/native-host): the host's
 * pages, compiled by WeChat's `wcc` together with the built `cardlet/` folder
 * (`npm run build:embed:weapp`), run in the harness against the sandbox over HTTP.
 */
const issuer = setupIssuer({ resetAfterEach: true })
const usd = (amount: number) => formatMoney({ amount, currency: 'CNY' }, 'en-US')

let host: string
beforeAll(() => {
  host = assembleHost('native-host')
})

interface WidgetEvent {
  type: string
  widget: string
  detail: Record<string, unknown>
}

const events = (run: WeappRun) => (run.currentPage.instance.widgetEvents ?? []) as WidgetEvent[]

/** The element `selector` inside the host's component `#componentId` (a QA script's path). */
function inside(run: WeappRun, componentId: string, selector: string): MiniElement | undefined {
  const component = run.query(`#${componentId}`)
  if (!component) return undefined
  return run.queryAllIn(run.currentPage, selector, component.node)[0]
}

async function widgetStatus(run: WeappRun, componentId: string, card: string, value: string) {
  await run.waitFor(
    `#${componentId} #${card} data-status="${value}" (now "${inside(run, componentId, `#${card}`)?.attribute('data-status')}")`,
    () => inside(run, componentId, `#${card}`)?.attribute('data-status') === value,
  )
}

/**
 * Nodes a component renders through Taro's recursive `comp` (deep trees): in WeChat a
 * nested component gets none of the widget's own styles, so there must be none.
 */
function recursiveCompNodes(run: WeappRun, componentId: string): number {
  let count = 0
  const walk = (parent: ExparserNode | undefined) => {
    for (const node of parent?.childNodes ?? []) {
      if (node._vt?.tagName === 'comp') count += 1
      walk(node)
      walk(node.shadowRoot)
    }
  }
  walk(run.query(`#${componentId}`)?.node.shadowRoot)
  return count
}

const sessionCalls = (run: WeappRun) =>
  run.calls.filter((c) => c.name === 'request' && /\/v1\/auth\//.test(String(c.options.url)))

describe('the bank page with all three widgets (host session)', () => {
  test('figures, ids inside each component, and the host owns title, style and sign-in', async () => {
    const api = issuer.current.api('good')
    const cardId = await api.firstCardId()
    const balance = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
    const statement = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'balance', 'balance-card', 'ready')
    await widgetStatus(run, 'pay-code', 'paycode-card', 'online')
    await widgetStatus(run, 'bill', 'bill-card', 'ready')
    // locale en-US from the host's props; the phone frame shows the figures unmasked.
    expect(inside(run, 'balance', '#balance-available')?.text()).toBe(
      usd(balance.available_credit.amount),
    )
    expect(inside(run, 'bill', '#bill-statement-amount')?.text()).toBe(
      usd(statement.statement_balance.amount),
    )
    // The bank's own sign-in only: one session created by the host's app.js, none by Cardlet.
    const signIns = sessionCalls(run)
    expect(signIns.map((c) => String(c.options.url).replace(/^.*\/v1/, '/v1'))).toEqual([
      '/v1/auth/sessions',
    ])
    expect((run.context.window.getApp as () => { bankTokenCalls: number })().bankTokenCalls).toBe(1)
    // Nothing of the host's page is touched: no title set, no page-level rule shipped.
    expect(run.calls.filter((c) => c.name === 'setNavigationBarTitle')).toEqual([])
    const styles = ['common.wxss', 'balance/index.wxss', 'pay-code/index.wxss', 'bill/index.wxss']
      .map((file) => fs.readFileSync(path.join(host, 'cardlet', file), 'utf8'))
      .join('\n')
    expect(styles).not.toMatch(/(^|[}\s,])page\s*[{,]/)
    expect(styles).not.toMatch(/100vh/)
    expect(['balance', 'pay-code', 'bill'].map((id) => recursiveCompNodes(run, id))).toEqual([
      0, 0, 0,
    ])
    // Every event reached the bank's handler, from the component that sent it.
    const seen = events(run)
    expect(
      seen
        .filter((e) => e.type === 'ready')
        .map((e) => e.widget)
        .sort(),
    ).toEqual(['balance', 'bill', 'pay-code'])
    expect(seen).toContainEqual({
      type: 'statuschange',
      widget: 'balance',
      detail: { status: 'ready' },
    })
    expect(seen).toContainEqual({ type: 'cardchange', widget: 'balance', detail: { cardId } })
  })

  test('the QR drawn inside the component pays at the till; the host hears the result', async () => {
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'pay-code', 'paycode-card', 'online')
    const code = await qrFromCanvas(run)
    expect(code).toMatch(/^62\d{17}$/)
    // The till scans the code (the sandbox's control endpoint).
    expect(
      await scan(issuer.current.sandbox.base, code, 'success', 12_345, 'Bank café'),
    ).toMatchObject({
      status: 200,
      body: { status: 'succeeded' },
    })
    await widgetStatus(run, 'pay-code', 'paycode-result', 'succeeded')
    await run.waitFor('paymentresult event', () =>
      events(run).find((e) => e.type === 'paymentresult'),
    )
    expect(events(run).filter((e) => e.type === 'paymentresult')).toEqual([
      {
        type: 'paymentresult',
        widget: 'pay-code',
        detail: {
          status: 'succeeded',
          amount: { amount: 12_345, currency: 'CNY' },
          merchant: 'Bank café',
        },
      },
    ])
  })

  test('a double-tapped repayment pays once and the host hears `repaid` once', async () => {
    const api = issuer.current.api('good')
    const cardId = await api.firstCardId()
    const before = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'bill', 'bill-card', 'ready')
    await inside(run, 'bill', '#bill-repay-minimum')!.tap()
    const confirm = await run.waitFor('#bill-repay-confirm', () =>
      inside(run, 'bill', '#bill-repay-confirm'),
    )
    await Promise.all([confirm.tap(), confirm.tap()])
    await run.waitFor('repaid event', () => events(run).find((e) => e.type === 'repaid'))
    const after = await api.get<Statement>(`/v1/cards/${cardId}/statements/current`)
    expect(after.paid_to_date.amount - before.paid_to_date.amount).toBe(before.minimum_due.amount)
    expect(events(run).filter((e) => e.type === 'repaid')).toEqual([
      { type: 'repaid', widget: 'bill', detail: { amount: before.minimum_due } },
    ])
  })

  test('locked in Balance, the Pay code beside it shows no code; unlocked from Pay code, it pays', async () => {
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'balance', 'balance-card', 'ready')
    await widgetStatus(run, 'pay-code', 'paycode-card', 'online')
    await inside(run, 'balance', '#card-lock-toggle')!.tap()
    const confirm = await run.waitFor('#card-lock-confirm-yes', () =>
      inside(run, 'balance', '#card-lock-confirm-yes'),
    )
    await Promise.all([confirm.tap(), confirm.tap()])
    await widgetStatus(run, 'balance', 'card-lock', 'locked')
    // One session, one cache: the other component learns the lock without a request.
    await widgetStatus(run, 'pay-code', 'paycode-card', 'locked')
    await widgetStatus(run, 'pay-code', 'card-lock', 'locked')
    expect(inside(run, 'pay-code', '#paycode-qr')).toBeUndefined()
    expect(events(run)).toContainEqual({
      type: 'statuschange',
      widget: 'pay-code',
      detail: { status: 'locked' },
    })
    const locks = () =>
      run.calls.filter((c) => c.name === 'request' && /\/lock$/.test(String(c.options.url)))
    expect(locks()).toHaveLength(1)

    await inside(run, 'pay-code', '#card-lock-toggle')!.tap()
    await widgetStatus(run, 'pay-code', 'paycode-card', 'online')
    await widgetStatus(run, 'balance', 'card-lock', 'unlocked')
    expect(locks()).toHaveLength(2)
    const code = await qrFromCanvas(run)
    expect(
      (await scan(issuer.current.sandbox.base, code, 'success', 2_000, 'Bank café')).body,
    ).toMatchObject({ status: 'succeeded' })
  })

  test("the host's pull-down refresh reaches every widget through refresh()", async () => {
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'balance', 'balance-card', 'ready')
    await widgetStatus(run, 'bill', 'bill-card', 'ready')
    const balanceGets = () =>
      run.calls.filter((c) => c.name === 'request' && /\/balance$/.test(String(c.options.url)))
        .length
    const before = balanceGets()
    expect(run.pullDownRefresh()).toBe(true)
    await run.waitFor('a balance request after the pull', () => balanceGets() > before)
    await run.waitFor('stopPullDownRefresh', () =>
      run.calls.find((c) => c.name === 'stopPullDownRefresh'),
    )
  })
})

describe('what the standalone app does, embedded', () => {
  /** The value of the last call to `name` (what the device is set to now). */
  function last(run: WeappRun, name: string, key: string): unknown {
    const calls = run.calls.filter((c) => c.name === name)
    return calls[calls.length - 1]?.options[key]
  }

  test('brightness up and kept on while the code shows, restored when the widget goes', async () => {
    // The harness device starts at brightness 0.5.
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'pay-code', 'paycode-card', 'online')
    await run.waitFor('brightness 1, kept on', () =>
      last(run, 'setScreenBrightness', 'value') === 1 &&
      last(run, 'setKeepScreenOn', 'keepScreenOn') === true
        ? true
        : undefined,
    )
    // The bank leaves the page: the component is detached.
    await run.navigate('redirectTo', '/pages/late-props/index')
    await run.waitFor('brightness 0.5, not kept on', () =>
      last(run, 'setScreenBrightness', 'value') === 0.5 &&
      last(run, 'setKeepScreenOn', 'keepScreenOn') === false
        ? true
        : undefined,
    )
  })

  test('offline: the seed provisioned online draws a code the till accepts', async () => {
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'pay-code', 'paycode-card', 'online')
    const online = await qrFromCanvas(run)
    await run.waitFor('the offline seed provisioned', () =>
      run.calls.some(
        (c) =>
          c.name === 'request' &&
          c.outcome === 'ok' &&
          String(c.options.url).endsWith('/pay-codes') &&
          String(c.options.data).includes('"mode":"offline"'),
      ),
    )
    run.setOffline(true)
    await run.waitFor(
      'the pay code offline',
      () => inside(run, 'pay-code', '#paycode-card')?.attribute('data-status') === 'offline',
      45_000,
    )
    const offline = await nextQr(run, online)
    expect(offline).toMatch(/^62\d{17}$/)
    await expect(
      scan(issuer.current.sandbox.base, offline, 'success', 3_650, 'Corner shop'),
    ).resolves.toMatchObject({ status: 200, body: { status: 'succeeded' } })
  }, 120_000)

  test("a reminder set inside the bill widget is the issuer's", async () => {
    const api = issuer.current.api('good')
    const cardId = await api.firstCardId()
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'bill', 'bill-card', 'ready')
    await widgetStatus(run, 'bill', 'bill-remind', 'none')
    await inside(run, 'bill', '#bill-remind')!.tap()
    await widgetStatus(run, 'bill', 'bill-remind', 'subscribed')
    const held = await api.get<{ data: Array<{ channel: string; days_before: number }> }>(
      `/v1/cards/${cardId}/reminders`,
    )
    expect(held.data.map((r) => [r.channel, r.days_before])).toEqual([['in_app', 3]])
  })
})

describe('bad input gets a clear answer', () => {
  test('an unknown cardId: that widget says card not found, the others are unaffected', async () => {
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'balance', 'balance-card', 'ready')
    run.currentPage.instance.setData({ bill: { cardId: 'card_someone_elses', locale: 'en-US' } })
    await widgetStatus(run, 'bill', 'bill-card', 'error')
    expect(inside(run, 'bill', '#embed-problem')?.attribute('data-status')).toBe('card_not_found')
    expect(inside(run, 'bill', '#embed-problem')?.text()).toBe('Card not found')
    expect(events(run)).toContainEqual({
      type: 'statuschange',
      widget: 'bill',
      detail: { status: 'error', code: 'card_not_found' },
    })
    expect(inside(run, 'balance', '#balance-card')?.attribute('data-status')).toBe('ready')
    expect(inside(run, 'pay-code', '#paycode-card')?.attribute('data-status')).toBe('online')
  })

  test('props of the wrong type: defaults kept, one console error naming widget and field', async () => {
    const run = await launchHost(issuer.current, host, 'bank')
    await widgetStatus(run, 'balance', 'balance-card', 'ready')
    run.currentPage.instance.setData({ balance: { locale: 'fr-FR', masked: 'yes' } })
    await run.waitFor('the console error', () =>
      run.problems.find((p) => p.message.includes('cardlet balance')),
    )
    const logged = run.problems.filter((p) => p.message.includes('cardlet balance'))
    expect(logged.map((p) => p.message)).toEqual([
      expect.stringMatching(/^cardlet balance: props\.locale: .*; props\.masked: /),
    ])
    // Defaults: zh-CN from the system, figures shown (a phone does not mask by default).
    await run.waitFor('zh-CN figures', () =>
      /^¥\d/.test(inside(run, 'balance', '#balance-available')?.text() ?? ''),
    )
    expect(inside(run, 'balance', '#balance-available')?.attribute('data-masked')).toBe('false')
    // The expected console error is this test's subject, not a failure of the run.
    run.problems.splice(0, run.problems.length, ...run.problems.filter((p) => !logged.includes(p)))
  })
})

describe('a host that is not set up, or whose session is gone', () => {
  /** The example host with another app.js (what a bank's app.js might get wrong). */
  function hostWithApp(source: string): string {
    const dir = assembleHost('native-host')
    fs.writeFileSync(path.join(dir, 'app.js'), source)
    return dir
  }

  /** Takes the console errors matching `pattern` out of the run's problems. */
  function takeErrors(run: WeappRun, pattern: RegExp): string[] {
    const taken = run.problems.filter((p) => pattern.test(p.message))
    run.problems.splice(0, run.problems.length, ...run.problems.filter((p) => !taken.includes(p)))
    return taken.map((p) => p.message)
  }

  test('configure() never called: a configuration error in each widget, no request', async () => {
    const run = await launchHost(issuer.current, hostWithApp('App({})\n'), 'bank')
    await widgetStatus(run, 'balance', 'balance-card', 'error')
    await widgetStatus(run, 'pay-code', 'paycode-card', 'error')
    await widgetStatus(run, 'bill', 'bill-card', 'error')
    expect(inside(run, 'balance', '#embed-problem')?.attribute('data-status')).toBe(
      'not_configured',
    )
    expect(inside(run, 'balance', '#embed-problem')?.text()).toBe(
      'Not set up yet: the app has not called configure()',
    )
    expect(run.calls.filter((c) => c.name === 'request')).toEqual([])
    expect(takeErrors(run, /not_configured/).sort()).toEqual([
      'cardlet balance: not_configured (docs/embedding.md "configure")',
      'cardlet bill: not_configured (docs/embedding.md "configure")',
      'cardlet pay-code: not_configured (docs/embedding.md "configure")',
    ])
  })

  test("the host's token function rejects: signed out, authrequired once per widget, no loop", async () => {
    const app = [
      "const { configure } = require('./cardlet/host.js')",
      'App({',
      '  onLaunch() {',
      '    this.tokenCalls = 0',
      '    configure({',
      "      issuerBaseUrl: 'http://127.0.0.1:4010',",
      '      session: {',
      "        mode: 'host',",
      '        getAccessToken: () => {',
      '          this.tokenCalls += 1',
      "          return Promise.reject(new Error('the bank session expired'))",
      '        },',
      '      },',
      '    })',
      '  },',
      '})',
    ].join('\n')
    const run = await launchHost(issuer.current, hostWithApp(app), 'bank')
    await widgetStatus(run, 'balance', 'balance-card', 'signed_out')
    await widgetStatus(run, 'bill', 'bill-card', 'signed_out')
    await run.waitFor('authrequired from each widget', () =>
      events(run).filter((e) => e.type === 'authrequired').length >= 3 ? true : undefined,
    )
    const calls = (run.context.window.getApp as () => { tokenCalls: number })().tokenCalls
    expect(calls).toBe(1)
    expect(
      events(run)
        .filter((e) => e.type === 'authrequired')
        .map((e) => e.widget)
        .sort(),
    ).toEqual(['balance', 'bill', 'pay-code'])
    expect(run.calls.filter((c) => c.name === 'request')).toEqual([])
  })
})

describe('many widgets, one session', () => {
  test('two Balance widgets show two cards; neither overwrites the remembered card', async () => {
    const api = issuer.current.api('multi-card')
    const cards = await api.get<{ data: Array<{ id: string }> }>('/v1/cards')
    const [first, second] = cards.data.map((c) => c.id)
    const storage = new Map<string, StoredValue>([
      ['example.session', { data: 'cardlet' } as unknown as StoredValue],
    ])
    const run = await launchHost(issuer.current, host, 'two-cards', {
      persona: 'multi-card',
      query: { first: first!, second: second! },
      storage,
    })
    for (const [widget, cardId] of [
      ['first', first!],
      ['second', second!],
    ] as const) {
      await widgetStatus(run, widget, 'balance-card', 'ready')
      const balance = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
      expect(inside(run, widget, '#balance-available')?.text()).toBe(
        usd(balance.available_credit.amount),
      )
    }
    // Cardlet's own sign-in mode: one platform login exchanged for both widgets.
    expect(sessionCalls(run).filter((c) => /sessions$/.test(String(c.options.url)))).toHaveLength(1)
    expect([...run.storage.keys()].filter((key) => key.includes('card-choice'))).toEqual([])
  })

  test('props that arrive after the widget attached take effect', async () => {
    const api = issuer.current.api('multi-card')
    const cards = await api.get<{ data: Array<{ id: string }> }>('/v1/cards')
    const second = cards.data[1]!.id
    const balance = await api.get<Balance>(`/v1/cards/${second}/balance`)
    const run = await launchHost(issuer.current, host, 'late-props', {
      persona: 'multi-card',
      query: { card: second },
    })
    await run.waitFor(
      'the second card in en-US',
      () =>
        inside(run, 'balance', '#balance-available')?.text() ===
        usd(balance.available_credit.amount),
    )
  })
})

describe('the full pages as an independent subpackage (examples/subpackage-host)', () => {
  test("the bank's button opens Cardlet's home with all three widgets, titled by Cardlet", async () => {
    const api = issuer.current.api('good')
    const cardId = await api.firstCardId()
    const balance = await api.get<Balance>(`/v1/cards/${cardId}/balance`)
    const run = await launchHost(issuer.current, assembleHost('subpackage-host'), 'index')
    await (await run.element('#open-cards')).tap()
    await run.waitFor('the home page', () => run.currentPage.route === 'cardlet/pages/home/index')
    await widgetStatus(run, 'balance', 'balance-card', 'ready')
    await widgetStatus(run, 'pay-code', 'paycode-card', 'online')
    await widgetStatus(run, 'bill', 'bill-card', 'ready')
    // The system language (zh_CN): figures and title in zh-CN.
    expect(inside(run, 'balance', '#balance-available')?.text()).toBe(
      formatMoney(balance.available_credit, 'zh-CN'),
    )
    const titles = run.calls.filter((c) => c.name === 'setNavigationBarTitle')
    expect(titles.map((c) => c.options.title)).toEqual(['Cardlet'])
    // The page's pull-down reaches the widget.
    await run.navigate('navigateTo', '/cardlet/pages/bill/index')
    await widgetStatus(run, 'bill', 'bill-card', 'ready')
    const statementCalls = () =>
      run.calls.filter(
        (c) => c.name === 'request' && /\/statements\/current$/.test(String(c.options.url)),
      )
    const statementGets = () => statementCalls().length
    // The page's own revalidation answered first: a pull then makes a request of its own.
    await run.waitFor('no statement request in flight', () =>
      statementCalls().every((c) => c.outcome !== undefined),
    )
    const before = statementGets()
    expect(run.pullDownRefresh()).toBe(true)
    await run.waitFor('a statement request after the pull', () => statementGets() > before)
    await run.waitFor('stopPullDownRefresh', () =>
      run.calls.find((c) => c.name === 'stopPullDownRefresh'),
    )
  })
})

describe('inside a host built with Taro (examples/taro-host)', () => {
  test('both webpack runtimes run side by side and the widget shows its figures', async () => {
    const api = issuer.current.api('good')
    const balance = await api.get<Balance>(`/v1/cards/${await api.firstCardId()}/balance`)
    const host = buildTaroHost()
    const run = await launchHost(issuer.current, host, 'index')
    await widgetStatus(run, 'balance', 'balance-card', 'ready')
    expect(inside(run, 'balance', '#balance-available')?.text()).toBe(
      usd(balance.available_credit.amount),
    )
    // The host's chunks and Cardlet's live under different globals on `wx`.
    const wx = run.context.window.wx as Record<string, unknown>
    expect(Array.isArray(wx.webpackJsonp) && Array.isArray(wx.cardletJsonp)).toBe(true)
  })
})

test('the embed folder holds the three components and host.js', () => {
  for (const widget of ['balance', 'pay-code', 'bill']) {
    const json = JSON.parse(
      fs.readFileSync(path.join(EMBED_WEAPP, 'cardlet', widget, 'index.json'), 'utf8'),
    ) as { component?: boolean }
    expect(json.component).toBe(true)
  }
  expect(fs.existsSync(path.join(EMBED_WEAPP, 'cardlet', 'host.js'))).toBe(true)
  for (const page of ['home', 'balance', 'pay-code', 'bill']) {
    expect(fs.existsSync(path.join(EMBED_WEAPP, 'cardlet', 'pages', page, 'index.js'))).toBe(true)
  }
})
