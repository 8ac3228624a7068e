import Taro from '@tarojs/taro'

import { hasNativeBridge } from '../harmony-bridge'
import type { LoginCode } from './port'
import { sandboxLoginCode } from './sandbox-login'

export type { LoginCode }

/** How long the container's login may take (it can show an account prompt). */
const LOGIN_TIMEOUT_MS = 15_000

/**
 * HarmonyOS hybrid: inside an ArkWeb container, `Taro.login` goes through the bridge to
 * the container's login (for an issuer app, typically a HUAWEI ID authorization code
 * from Account Kit), which the issuer exchanges; a failure or no answer within the
 * timeout rejects, and the widgets show their signed-out state. The code is sent as
 * provider `harmony`.
 * Outside a container there is no platform login: the sandbox code, as on H5.
 */
export async function getLoginCode(): Promise<LoginCode> {
  if (!hasNativeBridge()) return sandboxLoginCode()
  const { code } = (await Taro.login({ timeout: LOGIN_TIMEOUT_MS })) as { code?: string }
  if (!code) throw new Error('login: the container returned no code')
  return { provider: 'harmony', code }
}
