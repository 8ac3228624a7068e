import type { ScreenGuard, ScreenGuardState } from './base'
import { serial } from './base'

interface WakeLockSentinelLike {
  readonly released: boolean
  release(): Promise<void>
}

interface WakeLockLike {
  request(type: 'screen'): Promise<WakeLockSentinelLike>
}

function wakeLock(): WakeLockLike | undefined {
  if (typeof navigator === 'undefined') return undefined
  const lock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock
  return lock && typeof lock.request === 'function' ? lock : undefined
}

/**
 * H5: the Screen Wake Lock API keeps the screen on where the browser has it (secure
 * contexts only). A web page can neither set brightness nor block or observe
 * captures, so protection is `none` and the UI shows its warning.
 */
export function createScreenGuard(): ScreenGuard {
  const run = serial()
  let entered = false
  let sentinel: WakeLockSentinelLike | undefined

  async function acquire(): Promise<boolean> {
    const lock = wakeLock()
    if (!lock) return false
    try {
      sentinel = await lock.request('screen')
      return true
    } catch {
      // NotAllowedError: page hidden, insecure context, battery saver or a policy.
      sentinel = undefined
      return false
    }
  }

  // The browser drops a wake lock whenever the page is hidden (and refuses one for a
  // hidden page): take it again when the page is visible and still guarded.
  const needsLock = () =>
    entered && document.visibilityState === 'visible' && (!sentinel || sentinel.released)
  const onVisibility = () => {
    if (needsLock()) void run(async () => (needsLock() ? acquire() : false))
  }

  return {
    capabilities: () => ({
      brightness: false,
      keepOn: wakeLock() !== undefined,
      captureProtection: 'none',
    }),

    enter: () =>
      run(async (): Promise<ScreenGuardState> => {
        if (!entered) {
          entered = true
          document.addEventListener('visibilitychange', onVisibility)
          await acquire()
        } else if (needsLock()) {
          await acquire()
        }
        return {
          brightness: false,
          keepOn: sentinel !== undefined && !sentinel.released,
          captureProtection: 'none',
        }
      }),

    leave: () =>
      run(async () => {
        if (!entered) return
        entered = false
        document.removeEventListener('visibilitychange', onVisibility)
        const held = sentinel
        sentinel = undefined
        if (held && !held.released) await held.release().catch(() => undefined)
      }),
  }
}
