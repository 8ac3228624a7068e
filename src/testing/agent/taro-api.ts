/**
 * Agent builds only: every `import … from '@tarojs/taro'` in the app resolves to this
 * module (config/automator-hook.ts). It is Taro's H5 API unchanged, except that the
 * APIs in MOCKABLE_APIS look up an automator mock at call time (Taro's babel plugin turns
 * `Taro.login()` into a direct call of the exported function, and H5's default `Taro`
 * object does not even carry `login` or `request`, so swapping a property cannot work).
 * It imports Taro by file path so the replacement never points it at itself.
 */
import * as taro from '@tarojs/plugin-platform-h5/dist/runtime/apis'

import { current, MOCKABLE_APIS, registerOriginal, restoreMocks } from './state'

type AnyFunction = (...args: unknown[]) => unknown

const real = taro as unknown as Record<string, unknown>
for (const name of MOCKABLE_APIS) {
  const fn = real[name]
  if (typeof fn === 'function') registerOriginal(name, fn as AnyFunction)
}
restoreMocks()

function hooked(name: string): AnyFunction {
  return function (this: unknown, ...args: unknown[]) {
    const fn = current(name)
    if (!fn) throw new Error(`Taro.${name} is not available on H5`)
    return fn.apply(this, args)
  }
}

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis'
export { default } from '@tarojs/plugin-platform-h5/dist/runtime/apis'

export const request = hooked('request')
export const login = hooked('login')
export const getStorageSync = hooked('getStorageSync')
export const setStorageSync = hooked('setStorageSync')
export const removeStorageSync = hooked('removeStorageSync')
export const clearStorageSync = hooked('clearStorageSync')
export const getStorageInfoSync = hooked('getStorageInfoSync')
export const getStorage = hooked('getStorage')
export const setStorage = hooked('setStorage')
export const removeStorage = hooked('removeStorage')
export const clearStorage = hooked('clearStorage')
export const getSystemInfoSync = hooked('getSystemInfoSync')
export const getSystemInfo = hooked('getSystemInfo')
export const getWindowInfo = hooked('getWindowInfo')
