// Types and helpers shared by every screen-guard variant. The variants import them from
// here, never from './screen-guard', which Taro would resolve to the variant itself.

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
