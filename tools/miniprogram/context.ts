import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'

import { JSDOM } from 'jsdom'

/** Something the run did that a test must see: a console error, an exception, a template warning. */
export interface RunProblem {
  kind: 'console.error' | 'exception' | 'template'
  message: string
}

export interface ConsoleEntry {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug'
  text: string
}

/**
 * The logic context of one mini-program launch: a fresh jsdom window used as the
 * global object of a vm context, so the build's webpack module registry, Taro's
 * runtime, WeChat's component framework and every global start empty each launch
 * (a mini-program's `comp` component registers once per JS context, as in WeChat).
 *
 * Node's own `require` would share one module cache for the whole process; this loader
 * evaluates CommonJS files inside the context instead (Node built-ins come from the host).
 */
export class MiniContext {
  readonly dom: JSDOM
  readonly window: Record<string, unknown> & Window
  readonly clock: VirtualClock
  readonly problems: RunProblem[] = []
  readonly console: ConsoleEntry[] = []
  private readonly vmContext: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly consoleListeners = new Set<(entry: ConsoleEntry) => void>()
  private readonly exceptionListeners = new Set<(error: unknown, where: string) => void>()
  private closed = false
  private readonly closeListeners: Array<() => void> = []

  /** `clockStart` (ms since the epoch): where the app's clock starts; default the host's now. */
  constructor(options: { clockStart?: number } = {}) {
    this.dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
      runScripts: 'outside-only',
      pretendToBeVisual: true,
      url: 'https://servicewechat.com/cardlet/',
    })
    this.vmContext = this.dom.getInternalVMContext()
    this.window = this.dom.window as unknown as Record<string, unknown> & Window
    this.window.global = this.window
    this.clock = new VirtualClock(this, options.clockStart)
    this.installConsole()
  }

  /** Evaluates `code` in the context (the function form keeps its `this` undefined). */
  run<T = unknown>(code: string, filename: string): T {
    return new vm.Script(code, { filename }).runInContext(this.vmContext) as T
  }

  /** Parses JSON into objects of the context's realm (its own Array and Object). */
  fromJson<T = unknown>(json: string): T {
    return (this.window.JSON as JSON).parse(json) as T
  }

  /** A deep copy of plain data into the context's realm. */
  toContext<T>(value: T): T {
    return value === undefined ? value : this.fromJson<T>(JSON.stringify(value))
  }

  /** `require` of a file or package, evaluated inside the context, cached per launch. */
  require<T = unknown>(request: string, from = __filename): T {
    if (request.startsWith('node:') || BUILTINS.has(request)) return hostRequire(request) as T
    const file = createRequire(from).resolve(request)
    return this.load(file) as T
  }

  /** Runs a build file (`app.js`, a page's `index.js`) as WeChat's logic layer does. */
  runFile(file: string): void {
    this.load(path.resolve(file))
  }

  /** Calls into the context, turning a thrown error into a recorded exception. */
  guard<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (error) {
      this.exception(error, what)
      return undefined
    }
  }

  exception(error: unknown, where: string): void {
    const message =
      error instanceof Object && 'stack' in error ? String(error.stack) : String(error)
    this.problems.push({ kind: 'exception', message: `${where}: ${message}` })
    for (const listener of this.exceptionListeners) listener(error, where)
  }

  /** Runs `listener` on every exception the launch records (uncaught in the app's code). */
  onException(listener: (error: unknown, where: string) => void): () => void {
    this.exceptionListeners.add(listener)
    return () => this.exceptionListeners.delete(listener)
  }

  onConsole(listener: (entry: ConsoleEntry) => void): () => void {
    this.consoleListeners.add(listener)
    return () => this.consoleListeners.delete(listener)
  }

  /** Runs `listener` when the launch closes (to abort what the host still has in flight). */
  onClose(listener: () => void): void {
    this.closeListeners.push(listener)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    for (const listener of this.closeListeners) listener()
    this.clock.dispose()
    this.dom.window.close()
  }

  get isClosed(): boolean {
    return this.closed
  }

  private load(file: string): unknown {
    const cached = this.modules.get(file)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.modules.set(file, module)
    if (file.endsWith('.json')) {
      module.exports = JSON.parse(fs.readFileSync(file, 'utf8'))
      return module.exports
    }
    const source = fs.readFileSync(file, 'utf8')
    const wrapper = this.run<(...args: unknown[]) => void>(
      `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
      file,
    )
    const localRequire = (request: string) => this.require(request, file)
    wrapper.call(module.exports, module.exports, localRequire, module, file, path.dirname(file))
    return module.exports
  }

  private installConsole(): void {
    const levels: ConsoleEntry['level'][] = ['log', 'info', 'warn', 'error', 'debug']
    const target: Record<string, (...args: unknown[]) => void> = {}
    for (const level of levels) {
      target[level] = (...args: unknown[]) => {
        const text = args.map(formatArg).join(' ')
        const entry = { level, text }
        this.console.push(entry)
        if (level === 'error') this.problems.push({ kind: 'console.error', message: text })
        // WeChat's WXML runtime reports a missing template or include as a warning.
        if (level === 'warn' && text.startsWith('WXMLRT_')) {
          this.problems.push({ kind: 'template', message: text })
        }
        for (const listener of this.consoleListeners) listener(entry)
      }
    }
    this.window.console = target as unknown as Console
  }
}

const hostRequire = createRequire(__filename)
const BUILTINS = new Set(['path', 'fs', 'util', 'events', 'crypto', 'url', 'os', 'assert'])

function formatArg(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Object && 'stack' in value && typeof value.stack === 'string') {
    return value.stack
  }
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

interface Timer {
  id: number
  due: number
  fn: (...args: unknown[]) => void
  args: unknown[]
  interval: number | undefined
  host: NodeJS.Timeout | undefined
}

/**
 * The context's clock: timers and `Date` run in real time, and a test may jump ahead
 * (`advance(ms)`): every timer due in the jumped span fires in due order, and `Date.now()`
 * inside the app moves by the same amount. The host (HTTP, the sandbox) keeps real time.
 * Given a `start`, the app's time begins there (a screenshot that shows a date or a
 * countdown repeats run to run) and runs on in real time.
 */
export class VirtualClock {
  private offset = 0
  private nextId = 1
  private readonly timers = new Map<number, Timer>()

  constructor(
    private readonly context: MiniContext,
    start?: number,
  ) {
    if (start !== undefined) this.offset = start - Date.now()
    const win = context.window
    win.setTimeout = ((fn: Timer['fn'], ms?: number, ...args: unknown[]) =>
      this.add(fn, ms, args, undefined)) as unknown as typeof setTimeout
    win.setInterval = ((fn: Timer['fn'], ms?: number, ...args: unknown[]) =>
      this.add(fn, ms, args, Math.max(1, ms ?? 0))) as unknown as typeof setInterval
    win.clearTimeout = ((id: number) => this.clear(id)) as typeof clearTimeout
    win.clearInterval = ((id: number) => this.clear(id)) as typeof clearInterval
    win.requestAnimationFrame = ((fn: (t: number) => void) =>
      this.add(() => fn(this.now()), 16, [], undefined)) as typeof requestAnimationFrame
    win.cancelAnimationFrame = ((id: number) => this.clear(id)) as typeof cancelAnimationFrame
    const install = context.run<(now: () => number) => void>(
      `(function (now) {
        const RealDate = Date
        class MiniDate extends RealDate {
          constructor(...args) { if (args.length === 0) super(now()); else super(...args) }
          static now() { return now() }
        }
        globalThis.Date = MiniDate
      })`,
      'cardlet:clock',
    )
    install(() => this.now())
  }

  now(): number {
    return Date.now() + this.offset
  }

  /** Moves the app's time forward by `ms`, firing the timers due on the way. */
  advance(ms: number): void {
    const target = this.now() + ms
    for (;;) {
      const next = [...this.timers.values()]
        .filter((t) => t.due <= target)
        .sort((a, b) => a.due - b.due || a.id - b.id)[0]
      if (!next) break
      this.offset += Math.max(0, next.due - this.now())
      this.fire(next)
    }
    this.offset += Math.max(0, target - this.now())
    for (const timer of this.timers.values()) this.schedule(timer)
  }

  /** Number of timers waiting (a page left open must not pile them up). */
  get pending(): number {
    return this.timers.size
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer.host)
    this.timers.clear()
  }

  private add(fn: Timer['fn'], ms: number | undefined, args: unknown[], interval?: number) {
    if (this.context.isClosed) return 0
    const id = this.nextId++
    const timer: Timer = {
      id,
      due: this.now() + Math.max(0, ms ?? 0),
      fn,
      args,
      interval,
      host: undefined,
    }
    this.timers.set(id, timer)
    this.schedule(timer)
    return id
  }

  private clear(id: number) {
    const timer = this.timers.get(id)
    if (!timer) return
    clearTimeout(timer.host)
    this.timers.delete(id)
  }

  private schedule(timer: Timer) {
    clearTimeout(timer.host)
    timer.host = setTimeout(() => this.fire(timer), Math.max(0, timer.due - this.now()))
  }

  private fire(timer: Timer) {
    clearTimeout(timer.host)
    if (timer.interval !== undefined) {
      timer.due += timer.interval
      this.schedule(timer)
    } else {
      this.timers.delete(timer.id)
    }
    if (typeof timer.fn !== 'function') return
    this.context.guard('timer', () => timer.fn(...timer.args))
  }
}
