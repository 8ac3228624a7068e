import { hasApi, invoke, subscribe } from './mini-api'
import {
  type CaptureHandler,
  type CaptureProtection,
  PAY_CODE_BRIGHTNESS,
  type ScreenGuard,
  type ScreenGuardState,
  serial,
} from './screen-guard-base'

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
  /** Brightness before `enter()`, restored on `leave()`; undefined if never changed. */
  previousBrightness: number | undefined
  screenshots: boolean
  recordings: boolean
}

/**
 * Mini-program screen guard (WeChat, Alipay): Taro's brightness, keep-on and capture
 * event APIs, with `blocker` for protection. Every platform call may fail on an old
 * base library; a failure only lowers the returned state, it never throws.
 */
export function createMiniScreenGuard(blocker: CaptureBlocker): ScreenGuard {
  const run = serial()
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
        const previousBrightness = await raiseBrightness()
        const keepOn = await succeeds(invoke('setKeepScreenOn', { keepScreenOn: true }))
        const blocked = await blocker.block().catch(() => false)
        const screenshots = subscribe('onUserCaptureScreen', onScreenshot)
        const recordings = subscribe('onScreenRecordingStateChanged', onRecording)
        const captureProtection: CaptureProtection = blocked
          ? 'block'
          : screenshots || recordings
            ? 'detect'
            : 'none'
        const state = { brightness: previousBrightness !== undefined, keepOn, captureProtection }
        entered = { state, previousBrightness, screenshots, recordings }
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
        if (was.state.captureProtection === 'block') await blocker.unblock().catch(() => undefined)
        if (was.state.keepOn) await succeeds(invoke('setKeepScreenOn', { keepScreenOn: false }))
        if (was.previousBrightness !== undefined) {
          await succeeds(invoke('setScreenBrightness', { value: was.previousBrightness }))
        }
      }),
  }
}

/** Raises brightness and returns the value to restore, or undefined if it was left alone. */
async function raiseBrightness(): Promise<number | undefined> {
  try {
    // Without the old value it could not be restored: leave brightness alone then.
    const { value } = await invoke<{ value?: number }>('getScreenBrightness')
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined
    await invoke('setScreenBrightness', { value: PAY_CODE_BRIGHTNESS })
    return value
  } catch {
    return undefined
  }
}

function succeeds(call: Promise<unknown>): Promise<boolean> {
  return call.then(
    () => true,
    () => false,
  )
}
