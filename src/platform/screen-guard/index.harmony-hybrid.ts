import Taro from '@tarojs/taro'

import { callNative, hasNativeBridge } from '../harmony-bridge'
import {
  type CaptureHandler,
  createScreenHold,
  type DeviceScreen,
  type ScreenGuard,
  type ScreenGuardState,
  succeeds,
} from './base'
import { createScreenGuard as createWebScreenGuard } from './index.h5'

interface Entered {
  state: ScreenGuardState
  screenshots: boolean
}

/** One device hold for every pay-code widget (./base `createScreenHold`). */
const screenHold = createScreenHold()

/** Tests only: forget every holder. */
export const resetScreenHold = (): void => screenHold.reset()

/** The container's window through the bridge; it has no call that blocks captures. */
const bridgedScreen: DeviceScreen = {
  getBrightness: async () =>
    (
      await callNative<{ value?: number }>('getScreenBrightness', (cb) =>
        Taro.getScreenBrightness({ ...cb }),
      )
    ).value,
  setBrightness: (value) =>
    succeeds(callNative('setScreenBrightness', (cb) => Taro.setScreenBrightness({ value, ...cb }))),
  setKeepOn: (on) =>
    succeeds(
      callNative('setKeepScreenOn', (cb) => Taro.setKeepScreenOn({ keepScreenOn: on, ...cb })),
    ),
  block: async () => false,
  unblock: async () => undefined,
}

/**
 * HarmonyOS hybrid: inside an ArkWeb container the bridge's `getScreenBrightness` /
 * `setScreenBrightness`, `setKeepScreenOn` and `onUserCaptureScreen` (the container's
 * window brightness, keep-screen-on and screenshot event). The bridge has no call to
 * hide the page from captures (ArkTS `window.setWindowPrivacyMode` is the container's
 * own decision, docs/integrating.md), so protection is at best `detect` and the UI warns on a
 * screenshot. Outside a container (a plain browser) it is the H5 guard: a wake lock,
 * no brightness, protection `none` with the standing warning.
 */
export function createScreenGuard(): ScreenGuard {
  if (!hasNativeBridge()) return createWebScreenGuard()
  const { run } = screenHold
  let entered: Entered | null = null
  let handler: CaptureHandler | undefined
  const onScreenshot = () => handler?.({ type: 'screenshot' })

  return {
    capabilities: () => ({ brightness: true, keepOn: true, captureProtection: 'detect' }),

    enter: (onCapture) =>
      run(async () => {
        handler = onCapture
        if (entered) return { ...entered.state }
        const held = await screenHold.hold(bridgedScreen)
        const screenshots = listen(() => Taro.onUserCaptureScreen(onScreenshot))
        const state: ScreenGuardState = {
          brightness: held.brightness,
          keepOn: held.keepOn,
          captureProtection: screenshots ? 'detect' : 'none',
        }
        entered = { state, screenshots }
        return { ...state }
      }),

    leave: () =>
      run(async () => {
        const was = entered
        entered = null
        handler = undefined
        if (!was) return
        if (was.screenshots) listen(() => Taro.offUserCaptureScreen(onScreenshot))
        await screenHold.release(bridgedScreen)
      }),
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
