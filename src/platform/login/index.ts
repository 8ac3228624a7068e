import Taro from '@tarojs/taro'

import type { LoginCode } from './port'
import { sandboxLoginCode } from './sandbox-login'

export type { LoginCode }

/**
 * H5 (and the shared fallback): H5 has no platform login, so the code is a sandbox
 * code for the persona in the URL (`?persona=overdue`) or the build-time
 * TARO_APP_SANDBOX_PERSONA (default "good"), made single-use by a nonce. `Taro.login`
 * is asked first: in the H5 test build it is the automator agent's mockable API
 * (`mockWxMethod('login')` picks the persona), and an integrator's H5 login can
 * supply the code the same way.
 */
export async function getLoginCode(): Promise<LoginCode> {
  try {
    const result = (await Taro.login()) as { code?: string }
    if (result?.code) return { provider: 'h5', code: result.code }
  } catch {
    // Not available on this platform: fall through to the sandbox code.
  }
  return sandboxLoginCode()
}
