import fs from 'node:fs'
import path from 'node:path'

import { canvasNode, CanvasStandIn } from './canvas'
import { MiniContext } from './context'
import { PagedRun } from './paged-run'
import type { MiniNode, MiniRun } from './run'
import { PageStack } from './run'
import { type ApiCall, createWx, type DeviceOptions, type StoredValue } from './wx-api'

export interface TreeLaunchOptions {
  /** The build folder (`dist/alipay`, `dist/jd`). */
  distDir: string
  /** Code the platform login (`my.getAuthCode`, `jd.login`) answers: picks the persona. */
  loginCode?: string
  path?: string
  query?: Record<string, string>
  device?: Partial<DeviceOptions>
  storage?: Map<string, StoredValue>
  /** As for the weapp run: the build's issuer origin and where it really is. */
  issuer?: { from: string; to: string }
  /** As for the weapp run: where the app's clock starts (ISO 8601). */
  clockStart?: string
}

/** A node of Taro's setData tree (compressed names: `nn` template, `cn` children …). */
interface DataNode {
  nn?: string
  sid?: string
  uid?: string
  cl?: string
  st?: string
  v?: string
  cn?: DataNode[]
  [alias: string]: unknown
}

/**
 * A node of the current page as the harness resolved it: the tag of its template (null
 * when the build has none), the attributes that template binds, the text Taro gave it
 * (`v`, on a text node) and its children.
 */
export interface ResolvedNode {
  tag: string | null
  attributes: Record<string, string>
  text: string | undefined
  children: ResolvedNode[]
}

/** One template of base.axml: its tag, attribute bindings and bound events. */
interface Template {
  tag: string
  attrs: Map<string, string>
  events: Set<string>
}

interface PageRecord {
  route: string
  query: Record<string, string>
  instance: Record<string, unknown> & { data: Record<string, unknown> }
}

/** The page a component-only folder (an embed folder) gets, so its components have one. */
const HOST_PAGE = 'host/index'

/**
 * A custom component mounted on the current page (`mountComponent`): an embedded
 * widget, its own setData tree read as a page's is.
 */
export interface TreeComponent {
  readonly file: string
  readonly instance: Record<string, unknown> & { data: Record<string, unknown> }
  /** What it sent its host: `triggerEvent` (JD), the `on<Name>` props (Alipay). */
  readonly events: Array<{ name: string; detail: unknown }>
  queryAll(selector: string): MiniNode[]
  query(selector: string): MiniNode | null
  /** The host sets its `props` attribute again. */
  setProps(props: unknown): void
}

/** What differs between the platforms whose templates are not rendered here. */
interface Dialect {
  target: 'alipay' | 'jd'
  /** The platform's API global (`my`, `jd`). */
  global: string
  /** Taro's base template file of the build. */
  templates: string
  /** The template attributes that bind event `name` (bubbling, catching). */
  events(name: string): [string, string]
  /** The page-config key that turns pull-down refresh on. */
  pullDownKey: string
  /** The platform's API object, from the WeChat-shaped one the harness implements. */
  api(wx: Record<string, unknown>, run: TreeRun): Record<string, unknown>
}

/**
 * A production Alipay or JD build's JavaScript, run with the platform's API global
 * (`my`, `jd`): app.js, every page, Taro's runtime and the app, with the platform's
 * request doing real HTTP. No Alipay or JD renderer exists off-device, so their base
 * templates are **not rendered**: what is checked is Taro's setData tree (what the
 * templates receive), resolved against the build's base template: each node must have
 * a template (`tmpl_0_<nn>`), and its attributes (`id`, `data-status`, `class`) are read
 * through that template's own bindings. A tap is delivered as the platform would: to
 * the node and up through every ancestor whose template binds it, through Taro's `eh`.
 */
export class TreeRun extends PagedRun<PageRecord> implements MiniRun {
  readonly target: 'alipay' | 'jd'
  readonly context: MiniContext
  readonly calls: ApiCall[] = []
  readonly storage: Map<string, StoredValue>
  readonly device: DeviceOptions
  readonly pages: string[]
  loginCode: string
  protected readonly distDir: string
  private readonly templates: Map<string, Template>
  private readonly pageConfigs = new Map<string, Record<string, unknown>>()
  protected readonly nav: PageStack<PageRecord> = new PageStack<PageRecord>({
    has: (route) => this.pageConfigs.has(route),
    open: (route, query, push) => this.open(route, query, push),
    unload: (page) => this.callPage(page, 'onUnload'),
    hide: (page) => this.callPage(page, 'onHide'),
    show: (page) => this.callPage(page, 'onShow'),
  })
  private readonly canvases = new Map<string, CanvasStandIn>()
  private appConfig: Record<string, unknown> = {}
  private loadingRoute: string | undefined
  private loadingComponent: string | undefined
  private readonly componentConfigs = new Map<string, Record<string, unknown>>()
  private readonly components: Array<TreeComponent & { root(): DataNode }> = []
  private readonly setDataListeners = new Set<() => void>()

  private constructor(
    options: TreeLaunchOptions,
    private readonly dialect: Dialect,
  ) {
    super()
    this.target = dialect.target
    this.distDir = path.resolve(options.distDir)
    this.loginCode = options.loginCode ?? 'sandbox:good'
    this.storage = options.storage ?? new Map()
    this.device = {
      windowWidth: 375,
      windowHeight: 812,
      pixelRatio: 2,
      platform: 'android',
      theme: 'light',
      language: 'zh-Hans',
      ...options.device,
    }
    // An embed folder has no app.json: one empty page hosts its components.
    const appFile = path.join(this.distDir, 'app.json')
    this.pages = fs.existsSync(appFile)
      ? (JSON.parse(fs.readFileSync(appFile, 'utf8')) as { pages: string[] }).pages
      : [HOST_PAGE]
    this.templates = parseTemplates(
      fs.readFileSync(path.join(this.distDir, dialect.templates), 'utf8'),
    )
    const clockStart = options.clockStart === undefined ? undefined : Date.parse(options.clockStart)
    if (Number.isNaN(clockStart)) throw new RangeError(`bad clockStart: ${options.clockStart}`)
    this.context = new MiniContext({ clockStart })
    const win = this.context.window
    // Node 20 has no `navigator`, which the Alipay plugin reads; jsdom's window has one.
    win[dialect.global] = dialect.api(this.createWx(options), this)
    win.App = (config: Record<string, unknown>) => {
      this.appConfig = config
    }
    win.getApp = () => this.appConfig
    win.getCurrentPages = () => this.nav.pages.map((p) => p.instance)
    win.Component = (config: Record<string, unknown>) => {
      if (this.loadingComponent) this.componentConfigs.set(this.loadingComponent, config)
    }
    // Shared definitions stay plain objects: mountComponent merges them.
    win[dialect.target === 'alipay' ? 'Mixin' : 'Behavior'] = (definition: unknown) => definition
    win.Page = (config: Record<string, unknown>) => {
      if (!this.loadingRoute) throw new Error('Page() called outside a page file')
      this.pageConfigs.set(this.loadingRoute, config)
    }
  }

  static async launch(options: TreeLaunchOptions, dialect: Dialect): Promise<TreeRun> {
    const run = new TreeRun(options, dialect)
    const { context } = run
    if (run.pages[0] === HOST_PAGE) run.pageConfigs.set(HOST_PAGE, { data: {} })
    else context.guard('app.js', () => context.runFile(path.join(run.distDir, 'app.js')))
    for (const route of run.pages) {
      if (route === HOST_PAGE) continue
      run.loadingRoute = route
      context.guard(`${route}.js`, () => context.runFile(path.join(run.distDir, `${route}.js`)))
    }
    run.loadingRoute = undefined
    const launch = { path: run.pages[0], query: {} }
    for (const name of ['onLaunch', 'onShow']) {
      const fn = run.appConfig[name]
      if (typeof fn === 'function')
        context.guard(`App.${name}`, () => fn.call(run.appConfig, launch))
    }
    await run.nav.open(options.path ?? run.pages[0]!, options.query ?? {})
    return run
  }

  private createWx(options: TreeLaunchOptions): Record<string, unknown> {
    const resolveUrl = (url: string) =>
      options.issuer && url.startsWith(options.issuer.from)
        ? options.issuer.to + url.slice(options.issuer.from.length)
        : url
    return createWx({
      context: this.context,
      device: this.device,
      storage: this.storage,
      calls: this.calls,
      loginCode: () => this.loginCode,
      resolveUrl,
      offline: () => this.offline,
      navigate: (kind, url) => this.nav.go(kind, url),
      navigateBack: (delta) => this.nav.back(delta),
      selectNode: (selector, scope) => this.selectCanvas(selector, scope),
      onNetworkChange: (listener) => this.networkListeners.add(listener as never),
      offNetworkChange: (listener) => this.networkListeners.delete(listener as never),
      modalAnswer: () => true,
    })
  }

  /** @internal The login code, for the dialects' login APIs. */
  get code(): string {
    return this.loginCode
  }

  private async open(
    route: string,
    query: Record<string, string>,
    push: (page: PageRecord) => void,
  ) {
    const config = this.pageConfigs.get(route)
    if (!config) throw { errMsg: `page "${route}" is not found` }
    const data = this.context.toContext(config.data ?? {}) as Record<string, unknown>
    const instance: PageRecord['instance'] = { ...config, data, route, options: { ...query } }
    instance.setData = this.setDataOn(data, route)
    const page = { route, query, instance }
    push(page)
    this.callPage(page, 'onLoad', { ...query })
    this.callPage(page, 'onShow')
    await new Promise((resolve) => setTimeout(resolve, 0))
    this.callPage(page, 'onReady')
  }

  /** A setData applying Taro's paths to `data`, through JSON as the thread bridge carries. */
  private setDataOn(data: Record<string, unknown>, label: string) {
    return (patch: Record<string, unknown>, callback?: () => void) => {
      const json = JSON.stringify(patch)
      this.context.guard(`${label} setData`, () => {
        for (const [key, value] of Object.entries(
          this.context.fromJson<Record<string, unknown>>(json),
        )) {
          setPath(data, key, value)
        }
      })
      for (const listener of this.setDataListeners) listener()
      if (callback)
        void Promise.resolve().then(() => this.context.guard('setData callback', callback))
    }
  }

  /**
   * Mounts the custom component `file` (`balance/index` of an embed folder) on the
   * current page with the host's `props`, as the platform would: its file run once, its
   * shared definitions' methods merged in, its lifetimes called (WeChat-shaped on JD,
   * `onInit` / `didMount` on Alipay, where `props` and the host's `on<Name>` handlers
   * arrive as the component's props).
   */
  async mountComponent(file: string, props: unknown): Promise<TreeComponent> {
    if (!this.componentConfigs.has(file)) {
      this.loadingComponent = file
      this.context.guard(`${file}.js`, () =>
        this.context.runFile(path.join(this.distDir, `${file}.js`)),
      )
      this.loadingComponent = undefined
    }
    const config = this.componentConfigs.get(file)
    if (!config) throw new Error(`${file}.js registered no Component()`)
    const shared = [...asList(config.behaviors), ...asList(config.mixins)]
    const methods = Object.assign(
      {},
      ...shared.map((definition) => definition.methods ?? {}),
      config.methods ?? {},
    ) as Record<string, unknown>
    const events: TreeComponent['events'] = []
    const alipay = this.dialect.target === 'alipay'
    const data = this.context.toContext({ props }) as Record<string, unknown>
    const hostProps = (value: unknown) => {
      const handlers = Object.fromEntries(
        ['ready', 'statuschange', 'cardchange', 'paymentresult', 'repaid', 'authrequired'].map(
          (name) => [
            `on${name[0]!.toUpperCase()}${name.slice(1)}`,
            (event: { detail: unknown }) => events.push({ name, detail: event.detail }),
          ],
        ),
      )
      return { ...handlers, props: this.context.toContext(value) }
    }
    const instance: TreeComponent['instance'] = {
      ...methods,
      data,
      is: file,
      id: `${file}-${this.components.length}`,
      ...(alipay ? { props: hostProps(props) } : {}),
    }
    instance.setData = this.setDataOn(data, file)
    instance.triggerEvent = (name: string, detail: unknown) => events.push({ name, detail })
    const call = (name: string, ...args: unknown[]) => {
      const fn = config[name]
      if (typeof fn === 'function')
        this.context.guard(`${file}.${name}`, () => fn.apply(instance, args))
    }
    const observers = shared.flatMap((definition) =>
      definition.observers?.props ? [definition.observers.props] : [],
    )
    const { context } = this
    const component = {
      file,
      instance,
      events,
      root: () => (data.root ?? {}) as DataNode,
      queryAll: (selector: string) =>
        this.queryAllIn((data.root ?? {}) as DataNode, selector, instance),
      query: (selector: string) => component.queryAll(selector)[0] ?? null,
      setProps: (next: unknown) => {
        if (alipay) {
          const previous = instance.props
          instance.props = hostProps(next)
          for (const definition of shared) {
            const didUpdate = definition.didUpdate
            if (typeof didUpdate === 'function')
              context.guard(`${file}.didUpdate`, () => didUpdate.call(instance, previous))
          }
          call('didUpdate', previous)
        } else {
          data.props = context.toContext(next)
          for (const observer of observers)
            context.guard(`${file} props observer`, () => observer.call(instance, next))
        }
      },
    }
    this.components.push(component)
    if (alipay) {
      call('onInit')
      call('didMount')
    } else {
      call('created')
      call('attached')
      await new Promise((resolve) => setTimeout(resolve, 0))
      call('ready')
    }
    return component
  }

  protected get pullDownKey(): string {
    return this.dialect.pullDownKey
  }

  protected networkStatus(offline: boolean) {
    return { isConnected: !offline, networkType: offline ? 'NOTREACHABLE' : 'WIFI' }
  }

  protected callPage(page: PageRecord, name: string, ...args: unknown[]) {
    const fn = page.instance[name]
    if (typeof fn === 'function')
      this.context.guard(`${page.route}.${name}`, () => fn.apply(page.instance, args))
  }

  /** Runs `listener` after each `setData` of a page or mounted component has been applied. */
  onSetData(listener: () => void): () => void {
    this.setDataListeners.add(listener)
    return () => this.setDataListeners.delete(listener)
  }

  /** The current page's resolved tree, read through its templates' bindings. */
  resolvedTree(): ResolvedNode[] {
    const view = (node: TreeNode): ResolvedNode => ({
      tag: node.template?.tag ?? null,
      attributes: attributesOf(node),
      text: node.data.v,
      children: node.children.map(view),
    })
    return this.tree().map(view)
  }

  /** The resolved tree of the current page, or of a component (every node with its template). */
  private tree(
    root: DataNode = (this.currentPage.instance.data.root ?? {}) as DataNode,
    owner: Record<string, unknown> = this.currentPage.instance,
  ): TreeNode[] {
    const build = (node: DataNode, parent: TreeNode | null): TreeNode => {
      const template = this.templateOf(node)
      if (!template) {
        const message = `base.axml has no template tmpl_0_${node.nn} (node ${node.sid})`
        if (!this.problems.some((p) => p.message === message)) {
          this.problems.push({ kind: 'template', message })
        }
      }
      const tree: TreeNode = { data: node, template, parent, children: [], owner }
      tree.children = (Array.isArray(node.cn) ? node.cn : []).map((child) => build(child, tree))
      return tree
    }
    const top: TreeNode = { data: root, template: null, parent: null, children: [], owner }
    top.children = (Array.isArray(root.cn) ? root.cn : []).map((child) => build(child, top))
    return top.children
  }

  /**
   * The template a node renders with. Taro renders an input through a template that only
   * picks `tmpl_0_<nn>_focus` or `_blur` (utils' `c`: by whether the node has `focus`),
   * and the input is in the one picked.
   */
  private templateOf(node: DataNode): Template | null {
    const name = `tmpl_0_${node.nn}`
    const template = this.templates.get(name) ?? null
    if (template?.tag !== 'template' || !template.attrs.get('is')?.startsWith('{{xs.c(')) {
      return template
    }
    return this.templates.get(`${name}_${node.focus !== undefined ? 'focus' : 'blur'}`) ?? null
  }

  queryAll(selector: string): MiniNode[] {
    return this.queryAllIn(
      (this.currentPage.instance.data.root ?? {}) as DataNode,
      selector,
      this.currentPage.instance,
    )
  }

  private queryAllIn(root: DataNode, selector: string, owner: Record<string, unknown>) {
    const steps = selector.trim().split(/\s+/).map(parseSimpleSelector)
    const found: TreeNode[] = []
    const walk = (nodes: TreeNode[]) => {
      for (const node of nodes) {
        if (matchesPath(node, steps)) found.push(node)
        walk(node.children)
      }
    }
    walk(this.tree(root, owner))
    return found.map((node) => new TreeNodeView(node, this))
  }

  query(selector: string): MiniNode | null {
    return this.queryAll(selector)[0] ?? null
  }

  canvas(id: string): CanvasStandIn | undefined {
    return this.canvases.get(id)
  }

  /** Ids of every canvas the app has asked for so far. */
  get canvasIds(): string[] {
    return [...this.canvases.keys()]
  }

  describe(): string {
    const lines: string[] = []
    const walk = (nodes: TreeNode[], depth: number) => {
      for (const node of nodes) {
        if (depth > 40 || lines.length > 200) return
        const a = attributesOf(node)
        lines.push(
          `${'  '.repeat(depth)}${node.template?.tag ?? `?${node.data.nn}`}${a.id ? `#${a.id}` : ''}${
            a['data-status'] ? `[data-status=${a['data-status']}]` : ''
          }${node.data.v !== undefined ? ` "${node.data.v}"` : ''}`,
        )
        walk(node.children, depth + 1)
      }
    }
    walk(this.tree(), 0)
    return lines.join('\n')
  }

  close(): void {
    if (this.context.isClosed) return
    this.nav.unloadAll()
    this.networkListeners.clear()
    this.setDataListeners.clear()
    this.context.close()
  }

  private selectCanvas(selector: string, scope?: unknown): unknown {
    // `.in(component)`: that component's own tree, as on the platform.
    const component = this.components.find((c) => c.instance === scope)
    const node = component ? component.query(selector) : this.query(selector)
    if (!node || node.tagName !== 'canvas') return node ? {} : null
    let standIn = this.canvases.get(node.id)
    if (!standIn) {
      standIn = new CanvasStandIn(node.id)
      this.canvases.set(node.id, standIn)
    }
    return canvasNode(standIn)
  }

  /** @internal Delivers `name` to `node` and every ancestor whose template binds it. */
  deliver(target: TreeNode, name: string, detail: Record<string, unknown>) {
    // The page's Taro handler, or the component's whose tree the node is in.
    const owner = target.owner
    const handler = owner.eh
    if (typeof handler !== 'function') throw new Error('the page has no Taro event handler')
    const [eventKey, catchKey] = this.dialect.events(name)
    const targetInfo = { id: attributesOf(target).id, dataset: { sid: target.data.sid } }
    for (let node: TreeNode | null = target; node && node.template; node = node.parent) {
      const bound = node.template.events.has(eventKey) || node.template.events.has(catchKey)
      if (!bound) continue
      const event = this.context.toContext({
        type: name,
        timeStamp: Date.now(),
        target: targetInfo,
        currentTarget: { id: attributesOf(node).id, dataset: { sid: node.data.sid } },
        detail,
      })
      this.context.guard(`${name} on ${String(targetInfo.id)}`, () => handler.call(owner, event))
      if (node.template.events.has(catchKey)) break
    }
  }
}

interface TreeNode {
  data: DataNode
  template: Template | null
  parent: TreeNode | null
  children: TreeNode[]
  /** The page or component instance whose setData tree holds the node. */
  owner: Record<string, unknown>
}

type SharedDefinition = {
  methods?: Record<string, unknown>
  observers?: Record<string, (this: unknown, value: unknown) => void>
  didUpdate?: unknown
}

function asList(value: unknown): SharedDefinition[] {
  return Array.isArray(value) ? (value as SharedDefinition[]) : []
}

/** A node of the resolved tree, read through its template's bindings. */
class TreeNodeView implements MiniNode {
  constructor(
    private readonly node: TreeNode,
    private readonly run: TreeRun,
  ) {}

  get id(): string {
    return attributesOf(this.node).id ?? ''
  }

  get tagName(): string {
    return this.node.template?.tag ?? ''
  }

  attribute(name: string): string | null {
    const value = attributesOf(this.node)[name]
    return value === undefined ? null : value
  }

  text(): string {
    const collect = (node: TreeNode): string =>
      (node.data.v ?? '') + node.children.map(collect).join('')
    return collect(this.node).replace(/\s+/g, ' ').trim()
  }

  async tap(): Promise<void> {
    this.run.deliver(this.node, 'touchstart', {})
    this.run.deliver(this.node, 'touchend', {})
    this.run.deliver(this.node, 'tap', {})
    await new Promise((resolve) => setTimeout(resolve, 0))
  }

  async input(value: string): Promise<void> {
    this.run.deliver(this.node, 'input', { value, cursor: value.length })
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

/** Attribute values as the node's template binds them (`{{i.x}}`, `{{i.x||'d'}}` …). */
function attributesOf(node: TreeNode): Record<string, string> {
  const out: Record<string, string> = {}
  if (!node.template) return out
  for (const [name, binding] of node.template.attrs) {
    const value = evaluate(binding, node.data)
    if (value !== undefined) out[name] = value
  }
  return out
}

function evaluate(binding: string, data: DataNode): string | undefined {
  const expr = /^\{\{(.*)\}\}$/.exec(binding.trim())?.[1]?.trim()
  if (expr === undefined) return binding
  const field = (ref: string) => (ref.startsWith('i.') ? data[ref.slice(2)] : undefined)
  const or = /^i\.(\w+)\|\|(?:i\.(\w+)|'([^']*)')$/.exec(expr)
  if (or) {
    const first = data[or[1]!]
    const fallback = or[2] !== undefined ? data[or[2]] : or[3]
    const value = first || fallback
    return value === undefined || value === null ? '' : String(value)
  }
  const plain = /^i\.\w+$/.exec(expr)
  if (plain) {
    const value = field(expr)
    return value === undefined || value === null ? '' : String(value)
  }
  return undefined
}

/** Parses `tmpl_0_*` templates of base.axml: tag, attributes, bound events. */
function parseTemplates(axml: string): Map<string, Template> {
  const templates = new Map<string, Template>()
  const pattern = /<template name="(tmpl_0_[^"]+)">\s*<([a-z-]+)([^>]*)>/g
  for (const match of axml.matchAll(pattern)) {
    const [, name, tag, attrText] = match as unknown as [string, string, string, string]
    const attrs = new Map<string, string>()
    const events = new Set<string>()
    for (const attr of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      const [, key, value] = attr as unknown as [string, string, string]
      if (value === 'eh') events.add(key)
      else attrs.set(key, value)
    }
    templates.set(name, { tag, attrs, events })
  }
  return templates
}

interface SimpleSelector {
  id?: string
  classes: string[]
  tag?: string
}

function parseSimpleSelector(text: string): SimpleSelector {
  const selector: SimpleSelector = { classes: [] }
  for (const part of text.match(/[#.]?[\w-]+/g) ?? []) {
    if (part.startsWith('#')) selector.id = part.slice(1)
    else if (part.startsWith('.')) selector.classes.push(part.slice(1))
    else selector.tag = part
  }
  return selector
}

function matchesOne(node: TreeNode, selector: SimpleSelector): boolean {
  if (!node.template) return false
  const attrs = attributesOf(node)
  if (selector.id !== undefined && attrs.id !== selector.id) return false
  if (selector.tag !== undefined && node.template.tag !== selector.tag) return false
  const classes = (node.data.cl ?? '').split(/\s+/)
  return selector.classes.every((c) => classes.includes(c))
}

/** Descendant combinators only (`#a .b`), which is what the tests use. */
function matchesPath(node: TreeNode, steps: SimpleSelector[]): boolean {
  const last = steps[steps.length - 1]
  if (!last || !matchesOne(node, last)) return false
  let rest = steps.length - 2
  for (let up = node.parent; up && rest >= 0; up = up.parent) {
    if (matchesOne(up, steps[rest]!)) rest -= 1
  }
  return rest < 0
}

/** Applies one setData key (`root.cn.[0].cl`, `a.b[2]`) to `target`. */
function setPath(target: Record<string, unknown>, key: string, value: unknown) {
  const parts: Array<string | number> = []
  for (const token of key.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    parts.push(/^\[\d+\]$/.test(token) ? Number(token.slice(1, -1)) : token)
  }
  let cursor = target as Record<string | number, unknown>
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!
    const next = parts[i + 1]!
    if (cursor[part] === undefined || cursor[part] === null || typeof cursor[part] !== 'object') {
      cursor[part] = typeof next === 'number' ? [] : {}
    }
    cursor = cursor[part] as Record<string | number, unknown>
  }
  cursor[parts[parts.length - 1]!] = value
}

type Fn = (options: Record<string, unknown>) => unknown

/** Alipay: `my.*` names and shapes (Taro's Alipay plugin translates from WeChat's). */
const ALIPAY: Dialect = {
  target: 'alipay',
  global: 'my',
  templates: 'base.axml',
  pullDownKey: 'pullRefresh',
  events: (name) => {
    const camel = ({ touchstart: 'TouchStart', touchend: 'TouchEnd' } as Record<string, string>)[
      name
    ]
    const cap = camel ?? `${name[0]!.toUpperCase()}${name.slice(1)}`
    return [`on${cap}`, `catch${cap}`]
  },
  api(wx, run) {
    const call = (name: string) => wx[name] as Fn
    const { login: _login, showModal, request, ...rest } = wx
    void _login
    const my: Record<string, unknown> = {
      ...rest,
      // Alipay's dialect of the same APIs (Taro's Alipay plugin translates to them).
      request: (o: Record<string, unknown> & { success?: Fn; headers?: unknown }) =>
        (request as Fn)({
          ...o,
          header: o.headers,
          success: (res: { statusCode: number; header: unknown; data: unknown }) =>
            o.success?.(
              run.context.toContext({
                status: res.statusCode,
                headers: res.header,
                data: res.data,
              }),
            ),
        }),
      getAuthCode: (o: { success?: Fn; fail?: Fn }) => {
        run.calls.push({ name: 'getAuthCode', options: {} })
        void Promise.resolve().then(() => o.success?.({ authCode: run.code }))
      },
      getStorageSync: ({ key }: { key: string }) => ({
        data: call('getStorageSync')(key as never),
      }),
      setStorageSync: ({ key, data }: { key: string; data: unknown }) =>
        (wx.setStorageSync as (k: string, d: unknown) => void)(key, data),
      removeStorageSync: ({ key }: { key: string }) =>
        (wx.removeStorageSync as (k: string) => void)(key),
      getScreenBrightness: (o: { success?: Fn }) =>
        call('getScreenBrightness')({
          ...o,
          success: (res: { value: number }) => o.success?.({ brightness: res.value }),
        }),
      setScreenBrightness: (o: { brightness?: number }) =>
        call('setScreenBrightness')({ ...o, value: o.brightness }),
      confirm: (o: Record<string, unknown>) => (showModal as Fn)(o),
      call: (api: string, o: { success?: Fn; fail?: Fn }) => {
        run.calls.push({
          name: `call:${api}`,
          options: { ...o, success: undefined, fail: undefined },
        })
        void Promise.resolve().then(() => o.success?.({}))
      },
    }
    return my
  },
}

/** JD: WeChat's API shapes under `jd`; login answers a code as `wx.login` does. */
const JD: Dialect = {
  target: 'jd',
  global: 'jd',
  templates: 'base.jxml',
  pullDownKey: 'enablePullDownRefresh',
  events: (name) => [`bind${name}`, `catch${name}`],
  api: (wx) => wx,
}

export const AlipayRun = {
  launch: (options: TreeLaunchOptions) => TreeRun.launch(options, ALIPAY),
}

export const JdRun = {
  launch: (options: TreeLaunchOptions) => TreeRun.launch(options, JD),
}
