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
  screenshots: boolean
  recordings: boolean
}

/**
 * Brightness, keep-on and capture blocking are one device-wide state, while several
 * pay-code widgets may each hold a guard (the home page's stays mounted under the pay-code
 * page). So the device part is held once for all guards: the first `enter()` raises
 * brightness and saves the old value, the last `leave()` restores it; every guard
 * operation runs in one queue, so a leave of one page and an enter of the next never
 * interleave (before this, the next page read the raised brightness as "previous" and the
 * cardholder's own brightness was lost).
 */
const run = serial()
const device = {
  holders: 0,
  previousBrightness: undefined as number | undefined,
  keepOn: false,
  blocked: false,
}

/** Tests only: forget every holder (a test may end with a guard still entered). */
export function resetScreenHold(): void {
  device.holders = 0
  device.previousBrightness = undefined
  device.keepOn = false
  device.blocked = false
}

async function holdDevice(blocker: CaptureBlocker) {
  device.holders += 1
  if (device.holders === 1) {
    device.previousBrightness = await raiseBrightness()
    device.keepOn = await succeeds(invoke('setKeepScreenOn', { keepScreenOn: true }))
    device.blocked = await blocker.block().catch(() => false)
  }
  return { ...device }
}

async function releaseDevice(blocker: CaptureBlocker) {
  device.holders = Math.max(0, device.holders - 1)
  if (device.holders > 0) return
  if (device.blocked) await blocker.unblock().catch(() => undefined)
  if (device.keepOn) await succeeds(invoke('setKeepScreenOn', { keepScreenOn: false }))
  if (device.previousBrightness !== undefined) {
    await succeeds(invoke('setScreenBrightness', { value: device.previousBrightness }))
  }
  device.previousBrightness = undefined
  device.keepOn = false
  device.blocked = false
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
        const held = await holdDevice(blocker)
        const screenshots = subscribe('onUserCaptureScreen', onScreenshot)
        const recordings = subscribe('onScreenRecordingStateChanged', onRecording)
        const captureProtection: CaptureProtection = held.blocked
          ? 'block'
          : screenshots || recordings
            ? 'detect'
            : 'none'
        const state = {
          brightness: held.previousBrightness !== undefined,
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
        await releaseDevice(blocker)
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
