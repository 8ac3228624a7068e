/**
 * What the pay-code page turns on while a code is on screen, per platform: brightness
 * up, screen kept on, capture protection, capture notifications. `.weapp.ts`,
 * `.alipay.ts`, `.jd.ts`, `.h5.ts` and `.harmony-hybrid.ts` implement `createScreenGuard`
 * (Taro picks one per build); this file is the contract and the fallback for any other
 * target, typecheck and jest: it does nothing.
 *
 * The types are re-exported here only: callers import them with `type`, which the build
 * erases, so the variant Taro resolves this path to need not repeat them.
 */
import type { ScreenGuard } from './base'

export type {
  CaptureEvent,
  CaptureHandler,
  CaptureProtection,
  ScreenGuard,
  ScreenGuardCapabilities,
  ScreenGuardState,
} from './base'

/** Fallback: no brightness, no keep-on, no protection; the UI shows its warning. */
export function createScreenGuard(): ScreenGuard {
  return {
    capabilities: () => ({ brightness: false, keepOn: false, captureProtection: 'none' }),
    enter: async () => ({ brightness: false, keepOn: false, captureProtection: 'none' }),
    leave: async () => undefined,
  }
}
