import Taro from '@tarojs/taro'

type AnyFunction = (...args: unknown[]) => unknown

function lookup(name: string): AnyFunction | undefined {
  const fn = (Taro as unknown as Record<string, unknown>)[name]
  return typeof fn === 'function' ? (fn as AnyFunction) : undefined
}

/** True when this platform's Taro object carries the API (newer ones exist only on newer bases). */
export function hasApi(name: string): boolean {
  return lookup(name) !== undefined
}

/**
 * Calls a mini-program API with success/fail callbacks as a promise, whether or not
 * Taro promisifies that particular API; rejects when the API does not exist.
 */
export function invoke<T = unknown>(
  name: string,
  options: Record<string, unknown> = {},
): Promise<T> {
  const fn = lookup(name)
  if (!fn) return Promise.reject(new Error(`${name} is not available`))
  return new Promise<T>((resolve, reject) => {
    try {
      const returned = fn.call(Taro, { ...options, success: resolve, fail: reject })
      if (returned && typeof (returned as Promise<T>).then === 'function') {
        ;(returned as Promise<T>).then(resolve, reject)
      }
    } catch (error) {
      reject(error)
    }
  })
}

/** Calls an `onX`/`offX` style API with a listener; false when the API is missing. */
export function subscribe(name: string, listener: (...args: never[]) => unknown): boolean {
  const fn = lookup(name)
  if (!fn) return false
  try {
    fn.call(Taro, listener)
    return true
  } catch {
    return false
  }
}

/** `android`, `ios`, `devtools`, … as the platform reports it (lower case), or ''. */
export function osPlatform(): string {
  try {
    const info = hasApi('getDeviceInfo')
      ? (lookup('getDeviceInfo')!.call(Taro) as { platform?: string })
      : Taro.getSystemInfoSync()
    return (info.platform ?? '').toLowerCase()
  } catch {
    return ''
  }
}
