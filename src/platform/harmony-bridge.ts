/**
 * The HarmonyOS hybrid (ArkWeb) bridge. `@tarojs/plugin-platform-harmony-hybrid` sends
 * its "native" APIs (login, storage, screen, window info, request, …) through
 * `window.MethodChannel.jsBridgeMode(...)` decorators that the container injects before
 * the page loads (see its `dist/api/apis/harmony-native/ApiDecorator.js`). Without that
 * object those APIs are no-ops whose callbacks never fire: a promise on them would wait
 * forever. So every harmony-hybrid platform file asks `hasNativeBridge()` first and
 * falls back to a web implementation when it is false, and calls the bridge only
 * through `callNative`, which gives up after a timeout.
 */
export function hasNativeBridge(): boolean {
  if (typeof window === 'undefined') return false
  const channel = (window as unknown as { MethodChannel?: { jsBridgeMode?: unknown } })
    .MethodChannel
  return typeof channel?.jsBridgeMode === 'function'
}

/** How long a bridged call may take before it counts as failed (the container lacks it). */
export const NATIVE_TIMEOUT_MS = 3_000

/** The callbacks a bridged Taro API takes. */
export interface NativeCallbacks<T> {
  success(result: T): void
  fail(error: unknown): void
}

/**
 * Calls a Taro API that the hybrid plugin routes to native code, with success/fail
 * callbacks as a promise; rejects when the container does not answer within `timeoutMs`
 * (a method it does not implement never calls back). `call` names the API statically
 * (`(cb) => Taro.setKeepScreenOn({ keepScreenOn: true, ...cb })`): the build rewrites
 * `Taro.x` member calls to the platform's API imports, and a lookup by name would miss.
 */
export function callNative<T = unknown>(
  name: string,
  call: (callbacks: NativeCallbacks<T>) => unknown,
  timeoutMs: number = NATIVE_TIMEOUT_MS,
): Promise<T> {
  if (!hasNativeBridge()) return Promise.reject(new Error(`${name}: no native bridge`))
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: no answer from the container`)),
      timeoutMs,
    )
    const settle = (finish: () => void) => {
      clearTimeout(timer)
      finish()
    }
    try {
      const returned = call({
        success: (result) => settle(() => resolve(result)),
        fail: (error) => settle(() => reject(error)),
      })
      // Taro's promise mirrors the callbacks; only its rejection is kept from going unhandled.
      if (returned && typeof (returned as Promise<T>).then === 'function') {
        ;(returned as Promise<T>).then(undefined, () => undefined)
      }
    } catch (error) {
      settle(() => reject(error))
    }
  })
}
