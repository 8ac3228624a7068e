import http from 'node:http'
import https from 'node:https'

import type { MiniContext } from './context'

/** Callback-style options every mini-program API takes. */
interface CallbackOptions {
  success?: (result: unknown) => void
  fail?: (error: { errMsg: string }) => void
  complete?: (result: unknown) => void
  [key: string]: unknown
}

/** A platform call the app made, for tests to assert (`setKeepScreenOn`, `login`, …). */
export interface ApiCall {
  name: string
  options: Record<string, unknown>
  /** How an async call ended, once the platform has answered it (`success` or `fail`). */
  outcome?: 'ok' | 'fail'
}

/** What a launch's platform looks like: the device, the user, the network. */
export interface DeviceOptions {
  /** CSS px of the window (the frame): 375 × 812 phone, 466 × 466 round watch … */
  windowWidth: number
  windowHeight: number
  pixelRatio: number
  platform: 'android' | 'ios' | 'devtools'
  theme: 'light' | 'dark'
  language: string
}

export interface StoredValue {
  data: unknown
  encrypted: boolean
}

/** The hooks the API needs from the runtime that owns it (pages, canvases, navigation). */
export interface ApiHost {
  context: MiniContext
  device: DeviceOptions
  storage: Map<string, StoredValue>
  loginCode(): string
  resolveUrl(url: string): string
  offline(): boolean
  navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab', url: string): void
  navigateBack(delta: number): void
  /** The node `selector` finds in the current page's own tree, or in `scope`'s (`.in()`). */
  selectNode(selector: string, scope?: unknown): unknown | null
  onNetworkChange(listener: (status: { isConnected: boolean; networkType: string }) => void): void
  offNetworkChange(listener: unknown): void
  /** Answers `showModal` (the user's tap): confirm unless a test set otherwise. */
  modalAnswer(): boolean
  /**
   * True while a user's tap is being delivered (its handlers run synchronously): WeChat
   * opens `requestSubscribeMessage` only then. Absent: every call counts as in a tap.
   */
  inTap?(): boolean
  calls: ApiCall[]
}

type Impl = (options: CallbackOptions) => unknown

/**
 * Builds WeChat's `wx` object for one launch: only the APIs implemented here exist
 * (Taro exposes what `Object.keys(wx)` lists, so the app sees the same "API missing"
 * answer it would on an old base library). Asynchronous APIs answer on a later tick
 * through `success`/`fail`/`complete`, as WeChat does.
 */
export function createWx(host: ApiHost): Record<string, unknown> {
  const { context } = host
  // After the launch closed, nothing answers any more: the app is gone.
  const later = (fn: () => void) =>
    void Promise.resolve().then(() => {
      if (!context.isClosed) context.guard('wx', fn)
    })
  const kit: ApiKit = { host, later, asyncApi: asyncApiOf(host, later) }
  return {
    ...networkApis(kit),
    ...storageApis(kit),
    ...systemApis(kit),
    ...screenApis(kit),
    ...interactionApis(kit),
    ...soterApis(kit),
    ...navigationApis(kit),
  }
}

type AsyncApi = (name: string, impl: (options: CallbackOptions) => unknown) => Impl

/** What each family of APIs is built from: the launch, its later tick, the async adapter. */
interface ApiKit {
  host: ApiHost
  later(fn: () => void): void
  asyncApi: AsyncApi
}

/** An async API: `impl` returns the success result or throws `{ errMsg }`. */
function asyncApiOf(host: ApiHost, later: (fn: () => void) => void): AsyncApi {
  const { context } = host
  return (name: string, impl: (options: CallbackOptions) => unknown | Promise<unknown>): Impl =>
    (options = {}) => {
      const call: ApiCall = { name, options: withoutCallbacks(options) }
      host.calls.push(call)
      Promise.resolve()
        .then(() => impl(options))
        .then(
          (result) => {
            call.outcome = 'ok'
            const answer = context.toContext({ errMsg: `${name}:ok`, ...(result as object) })
            later(() => options.success?.(answer))
            later(() => options.complete?.(answer))
          },
          (error: unknown) => {
            call.outcome = 'fail'
            const errMsg =
              typeof error === 'object' && error && 'errMsg' in error
                ? String((error as { errMsg: string }).errMsg)
                : `${name}:fail ${String(error)}`
            later(() => options.fail?.(context.toContext({ errMsg })))
            later(() => options.complete?.(context.toContext({ errMsg })))
          },
        )
      return undefined
    }
}

/** `wx.request` on real HTTP (each launch its own sockets), login, and the network state. */
function networkApis({ host, asyncApi }: ApiKit): Record<string, unknown> {
  const { context } = host
  const inflight = new Set<AbortController>()
  // The launch's own connections: closing it ends every socket it opened (a shared
  // keep-alive pool would hold the test's issuer open after the app is gone).
  const agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  }
  context.onClose(() => {
    for (const controller of inflight) controller.abort()
    agents.http.destroy()
    agents.https.destroy()
  })

  return {
    request(options: CallbackOptions & { url: string }) {
      const controller = new AbortController()
      asyncApi('request', async () => {
        if (host.offline()) throw { errMsg: 'request:fail -102:net::ERR_INTERNET_DISCONNECTED' }
        if (context.isClosed) throw { errMsg: 'request:fail abort' }
        inflight.add(controller)
        const timeout = Number(options.timeout ?? 60_000)
        const timer = setTimeout(() => controller.abort(), timeout)
        try {
          const method = String(options.method ?? 'GET').toUpperCase()
          const data = options.data
          const body =
            method === 'GET' || data === undefined
              ? undefined
              : typeof data === 'string'
                ? data
                : JSON.stringify(data)
          const response = await httpRequest(agents, host.resolveUrl(options.url), {
            method,
            headers: (options.header as Record<string, string> | undefined) ?? {},
            body,
            signal: controller.signal,
          })
          const { header, text } = response
          let parsed: unknown = text
          if (options.dataType === undefined || options.dataType === 'json') {
            try {
              parsed = JSON.parse(text)
            } catch {
              parsed = text
            }
          }
          return { statusCode: response.status, header, data: parsed }
        } catch (error) {
          if ((error as { errMsg?: string }).errMsg) throw error
          const aborted = (error as Error).name === 'AbortError'
          throw { errMsg: aborted ? 'request:fail timeout' : 'request:fail' }
        } finally {
          clearTimeout(timer)
          inflight.delete(controller)
        }
      })(options)
      return { abort: () => controller.abort(), onHeadersReceived() {}, offHeadersReceived() {} }
    },

    login: asyncApi('login', () => ({ code: host.loginCode() })),
    checkSession: asyncApi('checkSession', () => ({})),

    getNetworkType: asyncApi('getNetworkType', () => ({
      networkType: host.offline() ? 'none' : 'wifi',
    })),
    onNetworkStatusChange: (
      listener: (status: { isConnected: boolean; networkType: string }) => void,
    ) => host.onNetworkChange(listener),
    offNetworkStatusChange: (listener: unknown) => host.offNetworkChange(listener),
  }
}

/** Storage, sync and async; an encrypted value reads only with `encrypt: true`. */
function storageApis({ host, asyncApi }: ApiKit): Record<string, unknown> {
  const { context } = host
  const read = (key: string) => {
    const entry = host.storage.get(key)
    if (!entry) return ''
    // Encrypted values are not readable without `encrypt: true` (WeChat returns ciphertext).
    return entry.encrypted ? `encrypted:${key}` : context.toContext(entry.data)
  }

  return {
    getStorageSync: (key: string) => read(key),
    setStorageSync: (key: string, data: unknown) =>
      void host.storage.set(key, { data: clone(data), encrypted: false }),
    removeStorageSync: (key: string) => void host.storage.delete(key),
    clearStorageSync: () => host.storage.clear(),
    getStorageInfoSync: () => ({
      keys: [...host.storage.keys()],
      currentSize: 0,
      limitSize: 10240,
    }),
    getStorage: asyncApi('getStorage', (o) => {
      const entry = host.storage.get(String(o.key))
      if (!entry) throw { errMsg: 'getStorage:fail data not found' }
      if (entry.encrypted !== Boolean(o.encrypt)) {
        throw { errMsg: 'getStorage:fail encrypt mismatch' }
      }
      return { data: clone(entry.data) }
    }),
    setStorage: asyncApi('setStorage', (o) => {
      host.storage.set(String(o.key), { data: clone(o.data), encrypted: Boolean(o.encrypt) })
      return {}
    }),
    removeStorage: asyncApi('removeStorage', (o) => {
      host.storage.delete(String(o.key))
      return {}
    }),
    clearStorage: asyncApi('clearStorage', () => {
      host.storage.clear()
      return {}
    }),
  }
}

/** The device as the launch's options describe it, and the base library's answers. */
function systemApis({ host, asyncApi }: ApiKit): Record<string, unknown> {
  const systemInfo = () => ({
    brand: 'cardlet-harness',
    model: 'harness',
    pixelRatio: host.device.pixelRatio,
    screenWidth: host.device.windowWidth,
    screenHeight: host.device.windowHeight,
    windowWidth: host.device.windowWidth,
    windowHeight: host.device.windowHeight,
    statusBarHeight: 0,
    language: host.device.language,
    version: '8.0.50',
    system: host.device.platform === 'ios' ? 'iOS 17.0' : 'Android 14',
    platform: host.device.platform,
    SDKVersion: '3.6.0',
    theme: host.device.theme,
    safeArea: {
      left: 0,
      right: host.device.windowWidth,
      top: 0,
      bottom: host.device.windowHeight,
      width: host.device.windowWidth,
      height: host.device.windowHeight,
    },
  })

  return {
    getSystemInfoSync: systemInfo,
    getSystemInfo: asyncApi('getSystemInfo', systemInfo),
    getWindowInfo: () => {
      const { pixelRatio, screenWidth, screenHeight, windowWidth, windowHeight } = systemInfo()
      return {
        pixelRatio,
        screenWidth,
        screenHeight,
        windowWidth,
        windowHeight,
        statusBarHeight: 0,
      }
    },
    getDeviceInfo: () => {
      const { brand, model, system, platform } = systemInfo()
      return { brand, model, system, platform }
    },
    getAppBaseInfo: () => {
      const { SDKVersion, language, version, theme } = systemInfo()
      return { SDKVersion, language, version, theme }
    },
    getLaunchOptionsSync: () => ({ path: '', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: '', query: {}, scene: 1001 }),
    getMenuButtonBoundingClientRect: () => ({
      width: 87,
      height: 32,
      top: 4,
      left: host.device.windowWidth - 94,
      right: host.device.windowWidth - 7,
      bottom: 36,
    }),
    canIUse: () => true,
  }
}

/** Brightness, keep-screen-on and the capture listeners the pay code uses. */
function screenApis({ host, asyncApi }: ApiKit): Record<string, unknown> {
  const brightness = { value: 0.5 }
  const captureListeners = new Set<unknown>()
  return {
    setKeepScreenOn: asyncApi('setKeepScreenOn', () => ({})),
    getScreenBrightness: asyncApi('getScreenBrightness', () => ({ value: brightness.value })),
    setScreenBrightness: asyncApi('setScreenBrightness', (o) => {
      brightness.value = Number(o.value)
      return {}
    }),
    setVisualEffectOnCapture: asyncApi('setVisualEffectOnCapture', () => ({})),
    getScreenRecordingState: asyncApi('getScreenRecordingState', () => ({ state: 'off' })),
    onUserCaptureScreen: (listener: unknown) => {
      host.calls.push({ name: 'onUserCaptureScreen', options: {} })
      captureListeners.add(listener)
    },
    offUserCaptureScreen: (listener: unknown) => {
      host.calls.push({ name: 'offUserCaptureScreen', options: {} })
      captureListeners.delete(listener)
    },
    onScreenRecordingStateChanged: (listener: unknown) => {
      host.calls.push({ name: 'onScreenRecordingStateChanged', options: {} })
      captureListeners.add(listener)
    },
    offScreenRecordingStateChanged: (listener: unknown) => {
      host.calls.push({ name: 'offScreenRecordingStateChanged', options: {} })
      captureListeners.delete(listener)
    },
  }
}

/** Subscribe messages (in a tap only), the phone calendar, toasts, modals and the bars. */
function interactionApis({ host, asyncApi }: ApiKit): Record<string, unknown> {
  return {
    requestSubscribeMessage: (options: CallbackOptions = {}) => {
      // Checked when called, not when answered: a call after an await has left the tap.
      const inTap = host.inTap?.() ?? true
      return asyncApi('requestSubscribeMessage', (o) => {
        if (!inTap) {
          throw { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }
        }
        const answer: Record<string, string> = {}
        for (const id of (o.tmplIds as string[] | undefined) ?? []) answer[id] = 'accept'
        return answer
      })(options)
    },
    addPhoneCalendar: asyncApi('addPhoneCalendar', () => ({})),
    addPhoneRepeatCalendar: asyncApi('addPhoneRepeatCalendar', () => ({})),

    showToast: asyncApi('showToast', () => ({})),
    hideToast: asyncApi('hideToast', () => ({})),
    showLoading: asyncApi('showLoading', () => ({})),
    hideLoading: asyncApi('hideLoading', () => ({})),
    showModal: asyncApi('showModal', () => {
      const confirm = host.modalAnswer()
      return { confirm, cancel: !confirm }
    }),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', () => ({})),
    setNavigationBarColor: asyncApi('setNavigationBarColor', () => ({})),
    setBackgroundColor: asyncApi('setBackgroundColor', () => ({})),
    setBackgroundTextStyle: asyncApi('setBackgroundTextStyle', () => ({})),
    startPullDownRefresh: asyncApi('startPullDownRefresh', () => ({})),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => ({})),
    vibrateShort: asyncApi('vibrateShort', () => ({})),
  }
}

/**
 * SOTER on a device with a fingerprint enrolled: the cardholder's finger always matches.
 * The result is shaped as WeChat's (`raw` is the challenge signed over); its signature is
 * a placeholder the sandbox accepts in sandbox mode only (docs/sandbox.md).
 */
function soterApis({ asyncApi }: ApiKit): Record<string, unknown> {
  return {
    checkIsSupportSoterAuthentication: asyncApi('checkIsSupportSoterAuthentication', () => ({
      supportMode: ['fingerPrint'],
    })),
    checkIsSoterEnrolledInDevice: asyncApi('checkIsSoterEnrolledInDevice', (o) => ({
      isEnrolled: o.checkAuthMode === 'fingerPrint',
    })),
    startSoterAuthentication: asyncApi('startSoterAuthentication', (o) => {
      const modes = (o.requestAuthModes as string[] | undefined) ?? []
      if (!modes.includes('fingerPrint')) throw { errMsg: 'startSoterAuthentication:fail 90003' }
      return {
        authMode: 'fingerPrint',
        resultJSON: JSON.stringify({ raw: String(o.challenge ?? ''), fid: '1', counter: 1 }),
        resultJSONSignature: 'harness-unsigned',
        errCode: 0,
      }
    }),
  }
}

/** The page stack's routes, the selector query, and app events the harness never fires. */
function navigationApis({ host, later, asyncApi }: ApiKit): Record<string, unknown> {
  return {
    navigateTo: asyncApi('navigateTo', (o) => host.navigate('navigateTo', String(o.url))),
    redirectTo: asyncApi('redirectTo', (o) => host.navigate('redirectTo', String(o.url))),
    reLaunch: asyncApi('reLaunch', (o) => host.navigate('reLaunch', String(o.url))),
    switchTab: asyncApi('switchTab', (o) => host.navigate('switchTab', String(o.url))),
    navigateBack: asyncApi('navigateBack', (o) => host.navigateBack(Number(o.delta ?? 1))),

    createSelectorQuery: () => selectorQuery(host),
    nextTick: (fn: () => void) => later(fn),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    onError: () => undefined,
    onUnhandledRejection: () => undefined,
    onThemeChange: () => undefined,
    offThemeChange: () => undefined,
    onWindowResize: () => undefined,
    offWindowResize: () => undefined,
    reportAnalytics: () => undefined,
  }
}

/**
 * `wx.createSelectorQuery()` scoped, as in WeChat, to the current page's own tree:
 * `select('#id')` does not cross into custom components' shadow trees.
 */
function selectorQuery(host: ApiHost) {
  const requests: Array<{ selector: string; all: boolean; fields: Record<string, boolean> }> = []
  let scope: unknown
  const query = {
    in: (component: unknown) => {
      scope = component
      return query
    },
    select(selector: string) {
      const request = { selector, all: false, fields: {} as Record<string, boolean> }
      requests.push(request)
      return nodesRef(request)
    },
    selectAll(selector: string) {
      const request = { selector, all: true, fields: {} as Record<string, boolean> }
      requests.push(request)
      return nodesRef(request)
    },
    selectViewport() {
      const request = { selector: 'viewport', all: false, fields: {} as Record<string, boolean> }
      requests.push(request)
      return nodesRef(request)
    },
    exec(callback?: (results: unknown[]) => void) {
      void Promise.resolve().then(() =>
        host.context.guard('createSelectorQuery.exec', () => {
          const results = requests.map((r) => {
            const node = r.selector === 'viewport' ? null : host.selectNode(r.selector, scope)
            if (!node) return null
            const answer: Record<string, unknown> = {}
            if (r.fields.node) answer.node = node
            if (r.fields.size) answer.width = answer.height = 0
            return r.all ? [answer] : answer
          })
          callback?.(results)
        }),
      )
      return query
    },
  }
  const nodesRef = (request: { fields: Record<string, boolean> }) => ({
    node(cb?: unknown) {
      request.fields.node = true
      void cb
      return query
    },
    fields(fields: Record<string, boolean>) {
      Object.assign(request.fields, fields)
      return query
    },
    boundingClientRect() {
      request.fields.size = true
      return query
    },
  })
  return query
}

function withoutCallbacks(options: CallbackOptions): Record<string, unknown> {
  const { success: _s, fail: _f, complete: _c, ...rest } = options
  void _s
  void _f
  void _c
  return rest
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

/** One HTTP exchange over the launch's agents: status, lower-case headers, body text. */
function httpRequest(
  agents: { http: http.Agent; https: https.Agent },
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
): Promise<{ status: number; header: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const secure = target.protocol === 'https:'
    const request = (secure ? https : http).request(
      target,
      {
        method: init.method,
        headers:
          init.body === undefined
            ? init.headers
            : { ...init.headers, 'content-length': Buffer.byteLength(init.body) },
        agent: secure ? agents.https : agents.http,
        signal: init.signal,
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const header: Record<string, string> = {}
          for (const [key, value] of Object.entries(response.headers)) {
            if (value !== undefined) header[key] = Array.isArray(value) ? value.join(', ') : value
          }
          resolve({
            status: response.statusCode ?? 0,
            header,
            text: Buffer.concat(chunks).toString('utf8'),
          })
        })
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    if (init.body !== undefined) request.write(init.body)
    request.end()
  })
}
