/**
 * Automator agent state that must outlive a document: mocks, exposed bindings, the log
 * switch and the id counters. The bridge's `reLaunch` cold-starts the web app (a new
 * document), and a mock set before it must answer the new app's first `login`, so the
 * state is kept in sessionStorage (this tab only) and restored before any app code runs.
 * Test builds only (CARDLET_TEST_AGENT).
 */

type AnyFunction = (...args: unknown[]) => unknown

/** A mock as the client sends it: a fixed result, or a function's source plus extra args. */
export type MockSpec =
  | { method: string; result: unknown }
  | { method: string; functionDeclaration: string; args: unknown[] }

interface PersistedState {
  mocks: MockSpec[]
  bindings: string[]
  logEnabled: boolean
  nextPageId: number
  nextElementId: number
}

const STORAGE_KEY = 'cardlet.automator.state'

/** The Taro APIs the app calls that the automator may call, mock and restore. */
export const MOCKABLE_APIS = [
  'request',
  'login',
  'getStorageSync',
  'setStorageSync',
  'removeStorageSync',
  'clearStorageSync',
  'getStorageInfoSync',
  'getStorage',
  'setStorage',
  'removeStorage',
  'clearStorage',
  'getSystemInfoSync',
  'getSystemInfo',
  'getWindowInfo',
] as const

export type MockableApi = (typeof MOCKABLE_APIS)[number]

export function isMockable(name: string): name is MockableApi {
  return (MOCKABLE_APIS as readonly string[]).includes(name)
}

function read(): PersistedState {
  const empty: PersistedState = {
    mocks: [],
    bindings: [],
    logEnabled: false,
    nextPageId: 1,
    nextElementId: 1,
  }
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY)
    return raw ? { ...empty, ...(JSON.parse(raw) as Partial<PersistedState>) } : empty
  } catch {
    return empty
  }
}

export const state: PersistedState = read()

export function persist(): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state))
  } catch {
    // sessionStorage unavailable: the state lasts for this document only.
  }
}

const originals = new Map<string, AnyFunction>()
const mocks = new Map<string, AnyFunction>()

/** Called once by the hook module with Taro's real implementations. */
export function registerOriginal(name: string, fn: AnyFunction): void {
  originals.set(name, fn)
}

export function original(name: string): AnyFunction | undefined {
  return originals.get(name)
}

/** What the app's `Taro.<name>` runs right now: the mock if one is set, else Taro's. */
export function current(name: string): AnyFunction | undefined {
  return mocks.get(name) ?? originals.get(name)
}

interface Callbacks {
  success?: (result: unknown) => void
  fail?: (error: unknown) => void
  complete?: (result: unknown) => void
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (error && typeof error === 'object' && 'errMsg' in error) return String(error.errMsg)
  return String(error)
}

/** Taro's original with its callbacks removed, as a promise: what a mock sees as `this.origin`. */
function originFor(name: string): AnyFunction {
  return (...args: unknown[]) => {
    const fn = originals.get(name)
    if (!fn) throw new Error(`${name} is not available`)
    const [first, ...rest] = args
    if (first && typeof first === 'object' && !name.endsWith('Sync')) {
      const { success: _s, fail: _f, complete: _c, ...options } = first as Callbacks
      return fn(options, ...rest)
    }
    return fn(...args)
  }
}

/**
 * Builds the function that replaces Taro.<method>, with WeChat's mock semantics:
 * `result` is what the API answers (to `success` and the promise; returned as is by
 * `*Sync` APIs); a function is called with the call's arguments followed by the extra
 * `args`, `this.origin` being the real API, and what it returns (or resolves to) is the answer.
 */
function build(spec: MockSpec): AnyFunction {
  const name = spec.method
  let answer: (args: unknown[]) => unknown
  if ('functionDeclaration' in spec) {
    const fn = new Function(`return (${spec.functionDeclaration})`)() as AnyFunction
    const self = { origin: originFor(name) }
    answer = (args) => fn.apply(self, [...args, ...spec.args])
  } else {
    const json = JSON.stringify(spec.result ?? null)
    answer = () => JSON.parse(json) as unknown
  }
  if (name.endsWith('Sync')) return (...args) => answer(args)
  return (...args) => {
    const options = (args[0] && typeof args[0] === 'object' ? args[0] : {}) as Callbacks
    const settled = Promise.resolve()
      .then(() => answer(args))
      .then(
        (result) => {
          options.success?.(result)
          options.complete?.(result)
          return result
        },
        (error: unknown) => {
          const failure = { errMsg: `${name}:fail ${errorMessage(error)}` }
          options.fail?.(failure)
          options.complete?.(failure)
          throw failure
        },
      )
    // `request` answers a RequestTask: a promise the caller may abort.
    return Object.assign(settled, { abort: () => undefined })
  }
}

/** Sets (`spec` with result/function) or removes (method only) a mock, and persists it. */
export function setMock(spec: MockSpec | { method: string }): void {
  const name = spec.method
  state.mocks = state.mocks.filter((m) => m.method !== name)
  if ('result' in spec || 'functionDeclaration' in spec) {
    mocks.set(name, build(spec))
    state.mocks.push(spec)
  } else {
    mocks.delete(name)
  }
  persist()
}

/** Re-applies the persisted mocks (a new document after a cold start). */
export function restoreMocks(): void {
  for (const spec of state.mocks) {
    try {
      mocks.set(spec.method, build(spec))
    } catch {
      // A mock whose source no longer compiles is dropped rather than breaking the app.
    }
  }
}
