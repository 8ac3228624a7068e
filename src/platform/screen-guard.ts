/**
 * What the pay-code page turns on while a code is on screen, per platform: brightness
 * up, screen kept on, capture protection, capture notifications. `.weapp.ts`,
 * `.alipay.ts` and `.h5.ts` implement it (Taro picks one per build); this file is the
 * contract and the fallback for any other target, typecheck and jest: it does nothing.
 */
import type { ScreenGuard } from './screen-guard-base'

export type {
  CaptureEvent,
  CaptureHandler,
  CaptureProtection,
  ScreenGuard,
  ScreenGuardCapabilities,
  ScreenGuardState,
} from './screen-guard-base'
export { PAY_CODE_BRIGHTNESS } from './screen-guard-base'

/** Fallback: no brightness, no keep-on, no protection; the UI shows its warning. */
export function createScreenGuard(): ScreenGuard {
  return {
    capabilities: () => ({ brightness: false, keepOn: false, captureProtection: 'none' }),
    enter: async () => ({ brightness: false, keepOn: false, captureProtection: 'none' }),
    leave: async () => undefined,
  }
}
