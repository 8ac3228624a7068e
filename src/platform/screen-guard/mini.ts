import { hasApi, invoke, subscribe } from '../mini-api'
import {
  type CaptureHandler,
  type CaptureProtection,
  createScreenHold,
  type DeviceScreen,
  type ScreenGuard,
  type ScreenGuardState,
  succeeds,
} from './base'

/** The one part WeChat and Alipay do differently: blocking captures. */
export interface CaptureBlocker {
  /** The best protection this device offers, before trying. */
  capability(): CaptureProtection
  /** Hides the page from captures; resolves true only when the platform confirmed it. */
  block(): Promise<boolean>
  unblock(): Promise<void>
}

interface Entered {
  state: ScreenGuardState
  screenshots: boolean
  recordings: boolean
}

const screenHold = createScreenHold()
const { run } = screenHold

/** Tests only: forget every holder (a test may end with a guard still entered). */
export const resetScreenHold = (): void => screenHold.reset()

/** The device calls through Taro's mini-program APIs, capture blocking from `blocker`. */
function miniScreen(blocker: CaptureBlocker): DeviceScreen {
  return {
    getBrightness: async () => (await invoke<{ value?: number }>('getScreenBrightness')).value,
    setBrightness: (value) => succeeds(invoke('setScreenBrightness', { value })),
    setKeepOn: (on) => succeeds(invoke('setKeepScreenOn', { keepScreenOn: on })),
    block: () => blocker.block(),
    unblock: () => blocker.unblock(),
  }
}

/**
 * Mini-program screen guard (WeChat, Alipay): Taro's brightness, keep-on and capture
 * event APIs, with `blocker` for protection. Every platform call may fail on an old
 * base library; a failure only lowers the returned state, it never throws.
 */
export function createMiniScreenGuard(blocker: CaptureBlocker): ScreenGuard {
  let entered: Entered | null = null
  let handler: CaptureHandler | undefined
  const onScreenshot = () => handler?.({ type: 'screenshot' })
  const onRecording = (result?: { state?: string }) =>
    handler?.({ type: 'recording', active: result?.state === 'start' })

  return {
    capabilities: () => ({
      brightness: hasApi('getScreenBrightness') && hasApi('setScreenBrightness'),
      keepOn: hasApi('setKeepScreenOn'),
      captureProtection: blocker.capability(),
    }),

    enter: (onCapture) =>
      run(async () => {
        handler = onCapture
        if (entered) return { ...entered.state }
        const held = await screenHold.hold(miniScreen(blocker))
        const screenshots = subscribe('onUserCaptureScreen', onScreenshot)
        const recordings = subscribe('onScreenRecordingStateChanged', onRecording)
        const captureProtection: CaptureProtection = held.blocked
          ? 'block'
          : screenshots || recordings
            ? 'detect'
            : 'none'
        const state = {
          brightness: held.brightness,
          keepOn: held.keepOn,
          captureProtection,
        }
        entered = { state, screenshots, recordings }
        // A recording already running when the code appears is reported at once.
        if (recordings && hasApi('getScreenRecordingState')) {
          const current = await invoke<{ state?: string }>('getScreenRecordingState').catch(
            () => undefined,
          )
          if (current?.state === 'on') handler?.({ type: 'recording', active: true })
        }
        return { ...state }
      }),

    leave: () =>
      run(async () => {
        const was = entered
        entered = null
        handler = undefined
        if (!was) return
        if (was.screenshots) subscribe('offUserCaptureScreen', onScreenshot)
        if (was.recordings) subscribe('offScreenRecordingStateChanged', onRecording)
        await screenHold.release(miniScreen(blocker))
      }),
  }
}
