import { hasApi } from '../mini-api'
import type { ScreenGuard } from './base'
import { createMiniScreenGuard } from './mini'

/**
 * JD: `jd.getScreenBrightness` / `jd.setScreenBrightness`, `jd.setKeepScreenOn` and
 * `jd.onUserCaptureScreen` (the mini-program guard). JD has no call that hides the page
 * from captures (no `setVisualEffectOnCapture`) and no recording event, so protection is
 * `detect` at best: the UI warns, and reports a screenshot when one is taken.
 */
export function createScreenGuard(): ScreenGuard {
  return createMiniScreenGuard({
    capability: () => (hasApi('onUserCaptureScreen') ? 'detect' : 'none'),
    block: async () => false,
    unblock: async () => undefined,
  })
}
