import Taro from '@tarojs/taro'

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

type AnyFunction = (options: Record<string, unknown>) => unknown

/**
 * Calls a Taro API that the hybrid plugin routes to native code, with success/fail
 * callbacks as a promise; rejects when the container does not answer within `timeoutMs`
 * (a method it does not implement never calls back).
 */
export function callNative<T = unknown>(
  name: string,
  options: Record<string, unknown> = {},
  timeoutMs: number = NATIVE_TIMEOUT_MS,
): Promise<T> {
  const fn = (Taro as unknown as Record<string, unknown>)[name]
  if (typeof fn !== 'function' || !hasNativeBridge()) {
    return Promise.reject(new Error(`${name} is not available`))
  }
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: no answer from the container`)),
      timeoutMs,
    )
    const done = (settle: () => void) => {
      clearTimeout(timer)
      settle()
    }
    try {
      const returned = (fn as AnyFunction).call(Taro, {
        ...options,
        success: (result: T) => done(() => resolve(result)),
        fail: (error: unknown) => done(() => reject(error)),
      })
      // Taro's promise mirrors the callbacks; only its rejection is kept from crashing.
      if (returned && typeof (returned as Promise<T>).then === 'function') {
        ;(returned as Promise<T>).then(undefined, () => undefined)
      }
    } catch (error) {
      done(() => reject(error))
    }
  })
}
