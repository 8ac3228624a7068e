import { hasApi, invoke, osPlatform } from '../mini-api'
import type { ScreenGuard } from './base'
import { createMiniScreenGuard } from './mini'

/**
 * WeChat: `setVisualEffectOnCapture({visualEffect: 'hidden'})` hides the page from
 * screenshots and recordings on Android (base library >= 2.20.0); elsewhere captures
 * are only reported (`onUserCaptureScreen`, `onScreenRecordingStateChanged`).
 */
export function createScreenGuard(): ScreenGuard {
  const canBlock = () => osPlatform() === 'android' && hasApi('setVisualEffectOnCapture')
  return createMiniScreenGuard({
    capability: () =>
      canBlock()
        ? 'block'
        : hasApi('onUserCaptureScreen') || hasApi('onScreenRecordingStateChanged')
          ? 'detect'
          : 'none',
    block: async () => {
      if (!canBlock()) return false
      await invoke('setVisualEffectOnCapture', { visualEffect: 'hidden' })
      return true
    },
    unblock: async () => {
      await invoke('setVisualEffectOnCapture', { visualEffect: 'none' })
    },
  })
}
