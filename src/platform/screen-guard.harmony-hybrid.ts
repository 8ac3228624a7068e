import Taro from '@tarojs/taro'

import { callNative, hasNativeBridge } from './harmony-bridge'
import { createScreenGuard as createWebScreenGuard } from './screen-guard.h5'
import {
  type CaptureHandler,
  PAY_CODE_BRIGHTNESS,
  type ScreenGuard,
  type ScreenGuardState,
  serial,
} from './screen-guard-base'

export type {
  CaptureEvent,
  CaptureHandler,
  CaptureProtection,
  ScreenGuard,
  ScreenGuardCapabilities,
  ScreenGuardState,
} from './screen-guard-base'
export { PAY_CODE_BRIGHTNESS } from './screen-guard-base'

interface Entered {
  state: ScreenGuardState
  /** Brightness before `enter()`, restored on `leave()`; undefined if never changed. */
  previousBrightness: number | undefined
  screenshots: boolean
}

/**
 * HarmonyOS hybrid: inside an ArkWeb container the bridge's `getScreenBrightness` /
 * `setScreenBrightness`, `setKeepScreenOn` and `onUserCaptureScreen` (the container's
 * window brightness, keep-screen-on and screenshot event). The bridge has no call to
 * hide the page from captures (ArkTS `window.setWindowPrivacyMode` is the container's
 * own decision, README), so protection is at best `detect` and the UI warns on a
 * screenshot. Outside a container (a plain browser) it is the H5 guard: a wake lock,
 * no brightness, protection `none` with the standing warning.
 */
export function createScreenGuard(): ScreenGuard {
  if (!hasNativeBridge()) return createWebScreenGuard()
  const run = serial()
  let entered: Entered | null = null
  let handler: CaptureHandler | undefined
  const onScreenshot = () => handler?.({ type: 'screenshot' })

  return {
    capabilities: () => ({ brightness: true, keepOn: true, captureProtection: 'detect' }),

    enter: (onCapture) =>
      run(async () => {
        handler = onCapture
        if (entered) return { ...entered.state }
        const previousBrightness = await raiseBrightness()
        const keepOn = await succeeds(
          callNative('setKeepScreenOn', (cb) =>
            Taro.setKeepScreenOn({ keepScreenOn: true, ...cb }),
          ),
        )
        const screenshots = listen(() => Taro.onUserCaptureScreen(onScreenshot))
        const state: ScreenGuardState = {
          brightness: previousBrightness !== undefined,
          keepOn,
          captureProtection: screenshots ? 'detect' : 'none',
        }
        entered = { state, previousBrightness, screenshots }
        return { ...state }
      }),

    leave: () =>
      run(async () => {
        const was = entered
        entered = null
        handler = undefined
        if (!was) return
        if (was.screenshots) listen(() => Taro.offUserCaptureScreen(onScreenshot))
        if (was.state.keepOn)
          await succeeds(
            callNative('setKeepScreenOn', (cb) =>
              Taro.setKeepScreenOn({ keepScreenOn: false, ...cb }),
            ),
          )
        const previous = was.previousBrightness
        if (previous !== undefined) {
          await succeeds(
            callNative('setScreenBrightness', (cb) =>
              Taro.setScreenBrightness({ value: previous, ...cb }),
            ),
          )
        }
      }),
  }
}

/** Raises brightness and returns the value to restore, or undefined if it was left alone. */
async function raiseBrightness(): Promise<number | undefined> {
  try {
    // Without the old value it could not be restored: leave brightness alone then.
    const { value } = await callNative<{ value?: number }>('getScreenBrightness', (cb) =>
      Taro.getScreenBrightness({ ...cb }),
    )
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
    await callNative('setScreenBrightness', (cb) =>
      Taro.setScreenBrightness({ value: PAY_CODE_BRIGHTNESS, ...cb }),
    )
    return value
  } catch {
    return undefined
  }
}

function listen(subscribe: () => void): boolean {
  try {
    subscribe()
    return true
  } catch {
    return false
  }
}

function succeeds(call: Promise<unknown>): Promise<boolean> {
  return call.then(
    () => true,
    () => false,
  )
}
