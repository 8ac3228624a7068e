// Types and helpers shared by every screen-guard variant. The variants import them from
// here, never from '.', which Taro would resolve to the variant itself.

/**
 * How a platform guards against screenshots and recordings of the code:
 * `block` hides the page from captures, `detect` only reports them (the UI warns),
 * `none` can do neither (the UI shows a standing warning).
 */
export type CaptureProtection = 'block' | 'detect' | 'none'

/** What this platform can do at best, before anything is turned on. */
export interface ScreenGuardCapabilities {
  brightness: boolean
  keepOn: boolean
  captureProtection: CaptureProtection
}

/** What `enter()` actually achieved (a call may fail on an old base library). */
export interface ScreenGuardState {
  /** Brightness was raised and will be restored by `leave()`. */
  brightness: boolean
  keepOn: boolean
  captureProtection: CaptureProtection
}

/** A capture the platform reported while the guard was on. */
export type CaptureEvent = { type: 'screenshot' } | { type: 'recording'; active: boolean }

export type CaptureHandler = (event: CaptureEvent) => void

export interface ScreenGuard {
  capabilities(): ScreenGuardCapabilities
  /** Turns everything on; calling it again only swaps the handler. Never rejects. */
  enter(onCapture?: CaptureHandler): Promise<ScreenGuardState>
  /** Restores brightness and keep-on, lifts protection, unsubscribes. Never rejects. */
  leave(): Promise<void>
}

/** Screen brightness while a code is shown (0…1). */
export const PAY_CODE_BRIGHTNESS = 1

/**
 * Runs guard operations one after another, so a `leave()` issued while `enter()` is
 * still waiting on the platform undoes exactly what `enter()` did.
 */
export function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(task, task)
    tail = run.catch(() => undefined)
    return run
  }
}

/** The device calls a screen hold makes: each may fail, none may throw. */
export interface DeviceScreen {
  /** Brightness now (0…1), or undefined when it cannot be read (then it is left alone). */
  getBrightness(): Promise<number | undefined>
  setBrightness(value: number): Promise<boolean>
  setKeepOn(on: boolean): Promise<boolean>
  /** Hides the page from captures; true only when the platform confirmed it. */
  block(): Promise<boolean>
  unblock(): Promise<void>
}

/** What the device part of a guard achieved. */
export interface Held {
  brightness: boolean
  keepOn: boolean
  blocked: boolean
}

/**
 * Brightness, keep-on and capture blocking are one device-wide state, while several
 * pay-code widgets may each hold a guard (the home page's stays mounted under the
 * pay-code page). A screen hold is that state held once for every guard of a platform:
 * the first `hold` raises brightness and saves the old value, the last `release`
 * restores it, and every guard operation runs in the hold's one queue (`run`), so a
 * leave of one page and an enter of the next never interleave. (Before, the next page
 * read the raised brightness as "previous" and the cardholder's own was lost.)
 */
export function createScreenHold() {
  const run = serial()
  let holders = 0
  let previous: number | undefined
  let keepOn = false
  let blocked = false
  const held = (): Held => ({ brightness: previous !== undefined, keepOn, blocked })
  return {
    run,
    async hold(screen: DeviceScreen): Promise<Held> {
      holders += 1
      if (holders > 1) return held()
      const value = await screen.getBrightness().catch(() => undefined)
      const raised =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (await screen.setBrightness(PAY_CODE_BRIGHTNESS).catch(() => false))
      previous = raised ? value : undefined
      keepOn = await screen.setKeepOn(true).catch(() => false)
      blocked = await screen.block().catch(() => false)
      return held()
    },
    async release(screen: DeviceScreen): Promise<void> {
      holders = Math.max(0, holders - 1)
      if (holders > 0) return
      if (blocked) await screen.unblock().catch(() => undefined)
      if (keepOn) await screen.setKeepOn(false).catch(() => false)
      if (previous !== undefined) await screen.setBrightness(previous).catch(() => false)
      previous = undefined
      keepOn = false
      blocked = false
    },
    /** Tests only: forget every holder (a test may end with a guard still entered). */
    reset(): void {
      holders = 0
      previous = undefined
      keepOn = false
      blocked = false
    },
  }
}

/** True when the call succeeded. */
export function succeeds(call: Promise<unknown>): Promise<boolean> {
  return call.then(
    () => true,
    () => false,
  )
}
