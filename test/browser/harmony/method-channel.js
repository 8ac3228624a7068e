// A recording stand-in for the `window.MethodChannel` an ArkWeb container injects for
// `@tarojs/plugin-platform-harmony-hybrid` (loaded with `page.addInitScript` before the
// app). `jsBridgeMode(mode)` returns the decorator the plugin puts on each NativeApi
// method; the decorated method lands in `answer()` below, which plays the container:
// window info, login, screen brightness and keep-on, screenshot events and storage.
// Every call is recorded in `window.__nativeCalls` as {method, options} (functions
// dropped). A method the stand-in does not know is recorded and never answered, as a
// container without it would behave. Storage is kept in the origin's sessionStorage
// under one key, so it survives a reload as a container's app-private store survives
// a restart. `window.__nativeConfig` (set by an earlier init script) picks the login
// persona, the starting brightness, and which methods are missing or fail.
;(() => {
  const config = window.__nativeConfig || {}
  const missing = new Set(config.missing || [])
  const failing = new Set(config.failing || [])
  const STORE_KEY = '__harmony_native_storage__'
  const calls = []
  const screen = { brightness: config.brightness ?? 0.4, keepScreenOn: false }
  const captureListeners = new Set()
  window.__nativeCalls = calls
  window.__nativeScreen = screen
  window.__nativeScreenshot = () =>
    captureListeners.forEach((listener) => listener('ohos not support path'))

  const storage = (() => {
    try {
      return JSON.parse(sessionStorage.getItem(STORE_KEY) || '{}')
    } catch {
      return {}
    }
  })()
  const persist = () => sessionStorage.setItem(STORE_KEY, JSON.stringify(storage))

  const later = (fn) => setTimeout(fn, 0)
  const ok = (options, result) =>
    later(() => options && options.success && options.success({ errMsg: 'ok', ...result }))
  const fail = (options, errMsg) => later(() => options && options.fail && options.fail({ errMsg }))

  function record(method, options) {
    let copy = options
    if (options && typeof options === 'object') {
      copy = {}
      for (const [key, value] of Object.entries(options)) {
        if (typeof value !== 'function') copy[key] = value
      }
    } else if (typeof options === 'function') {
      copy = '[function]'
    }
    calls.push({ method, options: copy })
  }

  const windowInfo = () => ({
    pixelRatio: window.devicePixelRatio,
    screenWidth: window.innerWidth,
    screenHeight: window.innerHeight,
    statusBarHeight: 0,
  })

  const handlers = {
    registerNativeListener: () => undefined,
    onStorageStatusChange: () => undefined,
    offStorageStatusChange: () => undefined,
    batchGetPageShowDataStorage: (options) => ok(options, { keys: [], values: [] }),
    updatePageShowDataKeys: (options) => ok(options),
    getWindowInfo: windowInfo,
    getSystemInfoSync: () => ({
      brand: 'HUAWEI',
      model: 'stand-in',
      language: 'zh-CN',
      version: '5.0.0',
      system: 'HarmonyOS 5.0',
      platform: 'harmony',
      ohosAPILevel: 12,
    }),
    getSystemSetting: () => ({}),
    getAppAuthorizeSetting: () => ({}),
    getAppBaseInfo: () => ({ appLanguage: 'zh-CN', appVersion: '1.0.0', theme: 'dark' }),
    getDeviceInfo: () => ({
      brand: 'HUAWEI',
      model: 'stand-in',
      system: 'HarmonyOS 5.0',
      platform: 'harmony',
    }),
    login: (options) => {
      const nonce = Math.random().toString(36).slice(2)
      ok(options, { code: `sandbox:${config.persona || 'good'}:${nonce}` })
    },
    getScreenBrightness: (options) => ok(options, { value: screen.brightness }),
    setScreenBrightness: (options) => {
      screen.brightness = options.value
      ok(options)
    },
    setKeepScreenOn: (options) => {
      screen.keepScreenOn = options.keepScreenOn
      ok(options)
    },
    onUserCaptureScreen: (listener) => void captureListeners.add(listener),
    offUserCaptureScreen: (listener) => void captureListeners.delete(listener),
    getStorage: (options) =>
      options.key in storage
        ? ok(options, { data: storage[options.key] })
        : fail(options, 'getStorage:fail data not found'),
    getStorageSync: (options) => ({ errMsg: 'ok', data: storage[options.key] ?? '' }),
    setStorage: (options) => {
      storage[options.key] = options.data
      persist()
      ok(options)
    },
    removeStorage: (options) => {
      delete storage[options.key]
      persist()
      ok(options)
    },
  }

  function answer(method, options) {
    record(method, options)
    if (failing.has(method)) return fail(options, `${method}:fail the container refused`)
    const handler = !missing.has(method) && handlers[method]
    return handler ? handler(options) : undefined
  }

  window.MethodChannel = {
    jsBridgeMode: () => (_target, key, descriptor) => {
      descriptor.value = (options) => answer(String(key), options)
    },
  }
})()
