import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { canvasNode, CanvasStandIn } from './canvas'
import { MiniContext } from './context'
import { PagedRun } from './paged-run'
import { type MiniNode, type MiniRun, pageJson, PageStack } from './run'
import { type ApiCall, createWx, type DeviceOptions, type StoredValue } from './wx-api'

/** How to launch the production weapp build. */
export interface WeappLaunchOptions {
  /** The build folder (`dist/weapp`). */
  distDir: string
  /** Code `wx.login` answers: picks the sandbox persona (`sandbox:good` …). */
  loginCode?: string
  /** The first page and its query (default: the first page of app.json). */
  path?: string
  query?: Record<string, string>
  device?: Partial<DeviceOptions>
  /** Storage carried over from an earlier launch (a relaunch keeps what the app stored). */
  storage?: Map<string, StoredValue>
  /**
   * Where the build's issuer origin really is: requests to `from` (the origin baked in
   * at build time, `http://127.0.0.1:4010` by default) go to `to` (the sandbox a test
   * started on a free port), as a hosts-file entry would send them.
   */
  issuer?: { from: string; to: string }
  /**
   * Where the app's clock starts (ISO 8601), as the sandbox's `clockStart` fixes the
   * issuer's: with both fixed, dates and "days left" on screen repeat run to run.
   */
  clockStart?: string
}

/** One open page: its route, query, the page instance (its real `data`) and rendered root. */
export interface PageRecord {
  route: string
  query: Record<string, string>
  instance: PageInstance
  root: JRootComponent
  host: HTMLElement
  /**
   * Host `performance.now()` when the platform called the page's `onLoad`: where a
   * page-load timing starts (the app's own clock can be jumped, the host's cannot).
   */
  loadedAt: number
}

// The shapes of WeChat's component framework and of j-component this runtime uses.
export interface ExparserNode {
  id: string
  is?: string
  dataset?: Record<string, unknown>
  childNodes: ExparserNode[]
  shadowRoot?: ExparserNode
  __wxSlotChildren?: ExparserNode[]
  $$?: HTMLElement
  textContent?: string
  __virtual?: boolean
  parentNode?: ExparserNode | null
  querySelector(selector: string): ExparserNode | null
  querySelectorAll(selector: string): ExparserNode[]
  _vt?: { tagName?: string; attrs?: Array<{ name: string; value: unknown }> }
}
export interface JRootComponent {
  instance: PageInstance
  attach(parent: HTMLElement): void
  detach(): void
  _exparserNode: ExparserNode
}
export interface PageInstance {
  data: Record<string, unknown>
  setData(data: Record<string, unknown>, callback?: () => void): void
  [key: string]: unknown
}
interface JComponent {
  register(definition: Record<string, unknown>): string
  behavior(definition: Record<string, unknown>): string
  create(id: string, properties?: Record<string, unknown>): JRootComponent
}
interface Exparser {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown
    dispatchEvent(node: ExparserNode, event: unknown): void
  }
  Element: { getMethodCaller(node: ExparserNode): unknown }
  TextNode: new (...args: never[]) => ExparserNode
  Component: new (...args: never[]) => ExparserNode
}

/** A custom component instance: its file from the root, and its data. */
export interface ComponentData {
  file: string
  data: Record<string, unknown>
}

/** The largest setData payload of a page, and how many times it was called. */
export interface SetDataStats {
  calls: number
  largestBytes: number
  totalBytes: number
}

const COMP_ID = 'taro-comp'
const hostRequire = createRequire(__filename)

/**
 * The production WeChat build running on Linux: the logic layer (app.js, every page's
 * JS, Taro's runtime) in a fresh context, WXML compiled by WeChat's own `wcc`, and
 * WeChat's component framework (`miniprogram-exparser`, through `j-component`)
 * rendering the templates into a DOM and applying Taro's `setData` paths. Every
 * `setData` payload crosses a JSON round trip, as it does between WeChat's logic and
 * view threads. `wx.request` is real HTTP.
 *
 * Not modelled: layout and applied CSS, native behaviour of built-in components (a
 * `<canvas>` is a recording stand-in, `<button>`/`<input>` are shells), and the
 * asynchrony of the thread split beyond one tick.
 */
export class WeappRun extends PagedRun<PageRecord, MiniElement> implements MiniRun {
  readonly target = 'weapp'
  readonly context: MiniContext
  readonly calls: ApiCall[] = []
  readonly storage: Map<string, StoredValue>
  readonly device: DeviceOptions
  readonly setData = new Map<string, SetDataStats>()
  private readonly setDataListeners = new Set<(page: PageRecord) => void>()
  loginCode: string
  /** Answer for the next `showModal` (true = the user taps confirm). */
  modalAnswer = true
  protected readonly distDir: string
  private readonly jc: JComponent
  private readonly exparser: Exparser
  private readonly gwx: (file: string) => unknown
  private readonly pageConfigs = new Map<string, Record<string, unknown>>()
  private readonly pageComponentIds = new Map<string, string>()
  protected readonly nav: PageStack<PageRecord> = new PageStack<PageRecord>({
    has: (route) => this.pageConfigs.has(route),
    open: (route, query, push) => this.open(route, query, push),
    unload: (page) => this.closePage(page),
    hide: (page) => this.callPage(page, 'onHide'),
    show: (page) => this.callPage(page, 'onShow'),
  })
  private readonly canvases = new WeakMap<object, CanvasStandIn>()
  private readonly allCanvases = new Map<string, CanvasStandIn>()
  private appConfig: Record<string, unknown> = {}
  readonly pages: string[]

  private constructor(options: WeappLaunchOptions) {
    super()
    this.distDir = path.resolve(options.distDir)
    this.loginCode = options.loginCode ?? 'sandbox:good'
    this.storage = options.storage ?? new Map()
    this.device = {
      windowWidth: 375,
      windowHeight: 812,
      pixelRatio: 2,
      platform: 'android',
      theme: 'light',
      language: 'zh_CN',
      ...options.device,
    }
    const appJson = JSON.parse(fs.readFileSync(path.join(this.distDir, 'app.json'), 'utf8')) as {
      pages: string[]
      subPackages?: Array<{ root: string; pages: string[] }>
      subpackages?: Array<{ root: string; pages: string[] }>
      window?: Record<string, unknown>
    }
    // A host's subpackages (Cardlet's pages in `cardlet/`) are pages like the main ones.
    const subpackages = appJson.subPackages ?? appJson.subpackages ?? []
    this.pages = [
      ...appJson.pages,
      ...subpackages.flatMap(({ root, pages }) => pages.map((page) => path.posix.join(root, page))),
    ]
    const clockStart = options.clockStart === undefined ? undefined : Date.parse(options.clockStart)
    if (Number.isNaN(clockStart)) throw new RangeError(`bad clockStart: ${options.clockStart}`)
    this.context = new MiniContext({ clockStart })
    const win = this.context.window
    win.__webview_engine_version__ = 0.02
    this.exparser = this.context.require<Exparser>('miniprogram-exparser', __filename)
    this.jc = this.context.require<JComponent>('j-component', __filename)
    this.gwx = compileWxml(this.context, this.distDir)

    const wx = createWx({
      context: this.context,
      device: this.device,
      storage: this.storage,
      calls: this.calls,
      loginCode: () => this.loginCode,
      resolveUrl: (url) =>
        options.issuer && url.startsWith(options.issuer.from)
          ? options.issuer.to + url.slice(options.issuer.from.length)
          : url,
      offline: () => this.offline,
      navigate: (kind, url) => this.nav.go(kind, url),
      navigateBack: (delta) => this.nav.back(delta),
      selectNode: (selector, scope) => this.selectCanvas(selector, scope),
      onNetworkChange: (listener) => this.networkListeners.add(listener as never),
      offNetworkChange: (listener) => this.networkListeners.delete(listener as never),
      modalAnswer: () => this.modalAnswer,
      inTap: () => this.tapping,
    })
    win.wx = wx
    win.__wxConfig = { pages: this.pages, global: { window: appJson.window ?? {} } }
    win.App = (config: Record<string, unknown>) => {
      this.appConfig = config
    }
    win.getApp = () => this.appConfig
    win.getCurrentPages = () => this.nav.pages.map((p) => p.instance)
    win.Component = (config: Record<string, unknown>) =>
      this.loadingComponent
        ? this.registerComponent(this.loadingComponent, config)
        : this.registerComp(config)
    win.Behavior = (definition: Record<string, unknown>) => this.jc.behavior(definition)
    win.requirePlugin = () => ({})
    win.Page = (config: Record<string, unknown>) => {
      if (!this.loadingRoute) throw new Error('Page() called outside a page file')
      this.pageConfigs.set(this.loadingRoute, config)
    }
  }

  private loadingRoute: string | undefined
  /** The custom component whose file is running (its `Component()` call registers it). */
  private loadingComponent: string | undefined
  /** Custom components by path from the root (`cardlet/balance/index`) → registered id. */
  private readonly componentIds = new Map<string, string>()

  /** Runs app.js, the `comp` component and every page file, then the app's launch. */
  static async launch(options: WeappLaunchOptions): Promise<WeappRun> {
    const run = new WeappRun(options)
    run.boot()
    await run.nav.open(options.path ?? run.pages[0]!, options.query ?? {})
    return run
  }

  private boot() {
    const { context } = this
    context.guard('app.js', () => context.runFile(path.join(this.distDir, 'app.js')))
    // A Taro build's recursive `comp`; a host mini-program (a bank's own) has none.
    if (fs.existsSync(path.join(this.distDir, 'comp.js'))) {
      context.guard('comp.js', () => context.runFile(path.join(this.distDir, 'comp.js')))
    }
    for (const route of this.pages) {
      this.usingComponents(route)
      this.loadingRoute = route
      context.guard(`${route}.js`, () => context.runFile(path.join(this.distDir, `${route}.js`)))
    }
    this.loadingRoute = undefined
    const launch = { path: this.pages[0], query: {}, scene: 1001 }
    this.callApp('onLaunch', launch)
    this.callApp('onShow', launch)
  }

  private callApp(name: string, ...args: unknown[]) {
    const fn = this.appConfig[name]
    if (typeof fn === 'function')
      this.context.guard(`App.${name}`, () => fn.apply(this.appConfig, args))
  }

  private registerComp(config: Record<string, unknown>) {
    this.jc.register({
      ...config,
      id: COMP_ID,
      path: path.join(this.distDir, 'comp'),
      tagName: 'comp',
      template: this.gwx('comp.wxml'),
      usingComponents: { comp: COMP_ID },
    })
  }

  /**
   * The custom components a page or component's json lists, each loaded (its JS run, so
   * its `Component()` registers it) before the page: tag → registered id. Paths resolve
   * as WeChat resolves them: from the root when they start with `/`, else from the file.
   * The root `comp` of a Taro build is registered by boot().
   */
  private usingComponents(owner: string): Record<string, string> {
    const using = (pageJson(this.distDir, owner).usingComponents ?? {}) as Record<string, string>
    const ids: Record<string, string> = {}
    for (const [tag, target] of Object.entries(using)) {
      const resolved = target.startsWith('/')
        ? target.slice(1)
        : path.posix.join(path.posix.dirname(owner), target)
      ids[tag] = resolved === 'comp' ? COMP_ID : this.loadComponent(resolved)
    }
    return ids
  }

  private loadComponent(file: string): string {
    const known = this.componentIds.get(file)
    if (known) return known
    const id = `c-${file.replace(/[^a-z0-9]+/gi, '-')}`
    // Before its own components: a component may use itself (Taro's recursive `comp`).
    this.componentIds.set(file, id)
    const using = this.usingComponents(file)
    this.pendingUsing.set(file, using)
    const previous = this.loadingComponent
    this.loadingComponent = file
    this.context.guard(`${file}.js`, () =>
      this.context.runFile(path.join(this.distDir, `${file}.js`)),
    )
    this.loadingComponent = previous
    return id
  }

  private readonly pendingUsing = new Map<string, Record<string, string>>()

  /**
   * A custom component's `Component()`: registered under its path's id, its `setData`
   * through a JSON round trip (what WeChat's thread bridge carries) as a page's is.
   */
  private registerComponent(file: string, config: Record<string, unknown>) {
    const id = this.componentIds.get(file)!
    const context = this.context
    const created = config.created as ((this: unknown) => void) | undefined
    this.jc.register({
      ...config,
      id,
      path: path.join(this.distDir, file),
      tagName: id,
      template: this.gwx(`${file}.wxml`),
      usingComponents: this.pendingUsing.get(file) ?? {},
      created(this: { setData(data: unknown, callback?: () => void): void }) {
        const setData = this.setData.bind(this)
        this.setData = (data, callback) => {
          const json = JSON.stringify(data)
          context.guard(`${file} setData`, () => setData(context.fromJson(json), callback))
        }
        created?.call(this)
      },
    })
  }

  private pageComponentId(route: string): string {
    const known = this.pageComponentIds.get(route)
    if (known) return known
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`no Page() registered for ${route}`)
    const methods: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(config)) {
      if (typeof value === 'function') methods[key] = value
    }
    const id = `page-${route.replace(/[^a-z0-9]+/gi, '-')}`
    this.jc.register({
      id,
      path: path.join(this.distDir, route),
      tagName: id,
      template: this.gwx(`${route}.wxml`),
      usingComponents: { comp: COMP_ID, ...this.usingComponents(route) },
      data: jsonClone(config.data ?? {}),
      methods,
    })
    this.pageComponentIds.set(route, id)
    return id
  }

  private createPage(route: string, query: Record<string, string>): PageRecord {
    const config = this.pageConfigs.get(route) ?? {}
    const root = this.jc.create(this.pageComponentId(route))
    const doc = this.context.window.document
    const host = doc.createElement('div')
    host.setAttribute('data-route', route)
    doc.body.appendChild(host)
    const instance = root.instance
    for (const [key, value] of Object.entries(config)) {
      if (key !== 'data' && typeof value !== 'function') instance[key] = value
    }
    instance.route = route
    instance.__route__ = route
    instance.options = { ...query }
    const setData = instance.setData.bind(instance)
    // j-component renders a wcc template's first pass without the definition's data; a
    // page's initial data (a native host page's bindings to its components) is applied
    // here, before anything attaches, as WeChat renders it in the first pass.
    if (config.data && Object.keys(config.data).length > 0) {
      setData(this.context.toContext(jsonClone(config.data as Record<string, unknown>)))
    }
    const stats: SetDataStats = this.setData.get(route) ?? {
      calls: 0,
      largestBytes: 0,
      totalBytes: 0,
    }
    this.setData.set(route, stats)
    // The logic → view bridge carries JSON: what JSON cannot carry never reaches WXML.
    instance.setData = (data, callback) => {
      const json = JSON.stringify(data)
      if (process.env.MP_DEBUG) console.log('setData', json.slice(0, 600))
      const bytes = Buffer.byteLength(json)
      stats.calls += 1
      stats.totalBytes += bytes
      stats.largestBytes = Math.max(stats.largestBytes, bytes)
      // Parsed by the context's own JSON: host arrays fail `instanceof Array` in there.
      this.context.guard(`${route} setData`, () => setData(this.context.fromJson(json), callback))
      // j-component applies the patch synchronously: the listeners see it rendered.
      for (const listener of this.setDataListeners) listener(record)
    }
    const record: PageRecord = { route, query, instance, root, host, loadedAt: Number.NaN }
    return record
  }

  protected readonly pullDownKey = 'enablePullDownRefresh'

  protected networkStatus(offline: boolean) {
    return { isConnected: !offline, networkType: offline ? 'none' : 'wifi' }
  }

  protected callPage(page: PageRecord, name: string, ...args: unknown[]) {
    const fn = page.instance[name]
    if (typeof fn === 'function') {
      this.context.guard(`${page.route}.${name}`, () => fn.apply(page.instance, args))
    }
  }

  private async open(
    route: string,
    query: Record<string, string>,
    push: (page: PageRecord) => void,
  ) {
    if (!this.pageConfigs.has(route))
      throw { errMsg: `navigateTo:fail page "${route}" is not found` }
    const page = this.createPage(route, query)
    // On the stack before it attaches, as in WeChat: a custom component's `attached`
    // reads the page it is on from getCurrentPages().
    push(page)
    page.root.attach(page.host)
    page.loadedAt = performance.now()
    this.callPage(page, 'onLoad', { ...query })
    this.callPage(page, 'onShow')
    await tick()
    this.callPage(page, 'onReady')
  }

  private closePage(page: PageRecord) {
    this.callPage(page, 'onUnload')
    this.context.guard(`${page.route} detach`, () => page.root.detach())
    page.host.remove()
  }

  /** The first element of the current page matching a WXML selector, or null. */
  query(selector: string): MiniElement | null {
    return this.queryAll(selector)[0] ?? null
  }

  /**
   * Every element of the current page matching `selector`, searched through the page
   * and the shadow trees of Taro's `comp` components, so a stable id is found whatever
   * depth Taro renders it at.
   */
  queryAll(selector: string): MiniElement[] {
    return this.queryAllIn(this.currentPage, selector)
  }

  /**
   * Every element matching `selector` on an open page (or inside one of its elements),
   * through the shadow trees of custom components (Taro's `comp`, embedded widgets).
   */
  queryAllIn(page: PageRecord, selector: string, within?: ExparserNode): MiniElement[] {
    const found: ExparserNode[] = []
    const visit = (root: ExparserNode | undefined) => {
      if (!root) return
      for (const node of root.querySelectorAll(selector)) found.push(node)
      // A selector does not cross into a component's shadow tree (nor match its tag).
      const descend = (parent: ExparserNode) => {
        for (const node of parent.childNodes ?? []) {
          if (node.shadowRoot) visit(node.shadowRoot)
          descend(node)
        }
      }
      descend(root)
    }
    if (within) {
      visit(within)
      visit(within.shadowRoot)
    } else {
      visit(page.root._exparserNode.shadowRoot)
    }
    return found.map((node) => new MiniElement(node, this))
  }

  /**
   * Runs `listener` after each `setData` of any page has been applied to its rendered
   * tree: what a page shows changes only there, so a timing taken here is exact rather
   * than rounded up to a polling interval.
   */
  onSetData(listener: (page: PageRecord) => void): () => void {
    this.setDataListeners.add(listener)
    return () => this.setDataListeners.delete(listener)
  }

  /**
   * The rendered page's WXML nodes, as WeChat's audit counts them (limit: fewer than
   * 1,000): every element, through the shadow trees of Taro's `comp` components; not
   * text nodes, nor the virtual nodes of `<block>`, `<template>` and `wx:if` branches,
   * which render nothing.
   */
  nodeCount(page: PageRecord = this.currentPage): number {
    let count = 0
    const visit = (parent: ExparserNode | undefined) => {
      for (const node of parent?.childNodes ?? []) {
        if (!node.__virtual && !(node instanceof this.exparser.TextNode)) count += 1
        if (node.shadowRoot) visit(node.shadowRoot)
        visit(node)
      }
    }
    visit(page.root._exparserNode.shadowRoot)
    return count
  }

  /**
   * The custom components on an open page in tree order, each before its shadow tree and
   * then its light children: its file (`cardlet/balance/index`, `comp`) and its data as
   * its template reads it, properties included (the renderer draws them from this).
   */
  components(page: PageRecord = this.currentPage): ComponentData[] {
    const files = new Map([...this.componentIds].map(([file, id]) => [id, file]))
    files.set(COMP_ID, 'comp')
    const found: ComponentData[] = []
    const visit = (parent: ExparserNode | undefined) => {
      for (const node of parent?.childNodes ?? []) {
        const file = files.get(node.is ?? '')
        if (file !== undefined) {
          const caller = this.exparser.Element.getMethodCaller(node) as Pick<ComponentData, 'data'>
          found.push({ file, data: caller.data })
          visit(node.shadowRoot)
        }
        visit(node)
      }
    }
    visit(page.root._exparserNode.shadowRoot)
    return found
  }

  /** The open pages, bottom of the stack first. */
  get openPages(): readonly PageRecord[] {
    return [...this.nav.pages]
  }

  /** The canvas stand-in behind `<canvas id>` (its recorded draws), once the app asked for it. */
  canvas(id: string): CanvasStandIn | undefined {
    return this.allCanvases.get(id)
  }

  /** Ids of every canvas the app has asked for so far (on any page). */
  get canvasIds(): string[] {
    return [...this.allCanvases.keys()]
  }

  /** The rendered DOM of the current page (for a failure message). */
  describe(): string {
    const html = this.currentPage.host.innerHTML
    return html.length > 4000 ? `${html.slice(0, 4000)}…` : html
  }

  /** Closes every page and the context; nothing keeps running afterwards. */
  close(): void {
    if (this.context.isClosed) return
    this.nav.unloadAll()
    this.networkListeners.clear()
    this.setDataListeners.clear()
    this.context.close()
  }

  private selectCanvas(selector: string, scope?: unknown): unknown {
    // WeChat scopes a selector query to one tree: the page's own (not `comp`'s or an
    // embedded widget's), or with `.in(component)` that component's own.
    const tree = scope
      ? (scope as { shadowRoot?: ExparserNode }).shadowRoot
      : this.currentPage.root._exparserNode.shadowRoot
    const node = tree?.querySelector(selector)
    if (!node) return null
    if (tagOf(node).replace(/^wx-/, '') !== 'canvas') return {}
    let standIn = this.canvases.get(node)
    if (!standIn) {
      standIn = new CanvasStandIn(node.id)
      this.canvases.set(node, standIn)
      this.allCanvases.set(node.id, standIn)
    }
    return canvasNode(standIn)
  }

  /** @internal A user's tap is being delivered (WeChat's gesture rule, wx-api.ts). */
  tapping = false

  /** @internal */
  dispatch(node: ExparserNode, name: string, detail: Record<string, unknown>) {
    const touch = { identifier: 0, pageX: 0, pageY: 0, clientX: 0, clientY: 0, x: 0, y: 0 }
    const event = this.exparser.Event.create(name, detail, {
      bubbles: true,
      composed: true,
      capturePhase: true,
      extraFields: {
        touches: name === 'touchend' || name === 'tap' ? [] : [touch],
        changedTouches: [touch],
      },
    })
    this.context.guard(`${name} on #${node.id}`, () =>
      this.exparser.Event.dispatchEvent(node, event),
    )
  }
}

/** An element of the rendered mini-program, as a QA script sees it. */
export class MiniElement implements MiniNode {
  constructor(
    readonly node: ExparserNode,
    private readonly run: WeappRun,
  ) {}

  get id(): string {
    return this.node.id
  }

  /** `view`, `text`, `button`, `canvas` … (WXML's name, without `wx-`). */
  get tagName(): string {
    return tagOf(this.node).replace(/^wx-/, '')
  }

  /** An attribute as the WXML template bound it, or null when the template has none. */
  attribute(name: string): string | null {
    if (name === 'id') return this.node.id
    if (name.startsWith('data-')) {
      const key = name.slice(5).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())
      const dataset = this.node.dataset ?? {}
      return key in dataset ? String(dataset[key] ?? '') : null
    }
    // exparser keeps a property bound from a dashed attribute (`aria-label`) camel-cased.
    const camel = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())
    const attr = this.node._vt?.attrs?.find((a) => a.name === name || a.name === camel)
    return attr === undefined ? null : String(attr.value ?? '')
  }

  /** The text a user reads inside the element (composed through `comp` shadow trees). */
  text(): string {
    return (this.node.$$?.textContent ?? '').replace(/\s+/g, ' ').trim()
  }

  /** A tap as WeChat delivers it: touchstart, touchend, then tap, through `bindtap`. */
  async tap(): Promise<void> {
    this.run.dispatch(this.node, 'touchstart', {})
    this.run.dispatch(this.node, 'touchend', {})
    this.run.tapping = true
    try {
      this.run.dispatch(this.node, 'tap', { x: 0, y: 0 })
    } finally {
      this.run.tapping = false
    }
    await tick()
  }

  /** Types into an `<input>`: the component's `input` event with the new value. */
  async input(value: string): Promise<void> {
    this.run.dispatch(this.node, 'input', { value, cursor: value.length, keyCode: 0 })
    await tick()
  }

  query(selector: string): MiniElement | null {
    const inner = this.node.querySelector(selector)
    return inner ? new MiniElement(inner, this.run) : null
  }
}

function tagOf(node: ExparserNode): string {
  return String(node._vt?.tagName ?? node.is ?? '')
}

const wxmlCache = new Map<string, { stamp: number; source: string }>()

/** wcc's output for a build, compiled once per process while base.wxml is unchanged. */
function compiledWxml(distDir: string): string {
  // A Taro build's templates live in base.wxml; a host's, in its pages.
  const marker = ['base.wxml', 'app.json'].find((f) => fs.existsSync(path.join(distDir, f)))
  const stamp = fs.statSync(path.join(distDir, marker ?? 'app.json')).mtimeMs
  const cached = wxmlCache.get(distDir)
  if (cached && cached.stamp === stamp) return cached.source
  // The compiler runs on the host: it spawns WeChat's Linux `wcc` binary.
  const compiler = hostRequire('miniprogram-compiler') as { wxmlToJs(root: string): string }
  const source = compiler.wxmlToJs(distDir)
  wxmlCache.set(distDir, { stamp, source })
  return source
}

/** Compiles every WXML file of the build with WeChat's `wcc` into the context's `$gwx`. */
function compileWxml(context: MiniContext, distDir: string): (file: string) => unknown {
  const source = compiledWxml(distDir)
  const gwx = context.run<(file: string) => unknown>(`(function () {${source}\n})()`, 'cardlet:gwx')
  return (file) => {
    const generate = gwx(file)
    if (typeof generate !== 'function') throw new Error(`wcc produced no template for ${file}`)
    return generate
  }
}

function jsonClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}
