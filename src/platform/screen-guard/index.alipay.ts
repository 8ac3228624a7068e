import { hasApi } from '../mini-api'
import type { ScreenGuard } from './base'
import { createMiniScreenGuard } from './mini'

/** Alipay's global API object; `call` reaches JSAPIs that have no `my.x` method. */
declare const my: { call?: (api: string, options: Record<string, unknown>) => void } | undefined

function allowSystemSnapshot(allow: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof my === 'undefined' || typeof my?.call !== 'function') return resolve(false)
    try {
      my.call('allowSystemSnapshot', {
        allow,
        success: () => resolve(true),
        fail: () => resolve(false),
      })
    } catch {
      resolve(false)
    }
  })
}

/**
 * Alipay: `my.call('allowSystemSnapshot', {allow: false})` blacks out screenshots and
 * recordings where the client supports it (Android >= 2.59.2, iOS >= 2.59.0 on iOS 13+);
 * whether it does is only known by trying, so `capabilities()` promises `detect`
 * (`onUserCaptureScreen`, every client since base library 1.3.0) and `enter()`
 * reports `block` when the call succeeded.
 */
export function createScreenGuard(): ScreenGuard {
  return createMiniScreenGuard({
    capability: () => (hasApi('onUserCaptureScreen') ? 'detect' : 'none'),
    block: () => allowSystemSnapshot(false),
    unblock: async () => {
      await allowSystemSnapshot(true)
    },
  })
}
