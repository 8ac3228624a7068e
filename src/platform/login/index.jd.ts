import Taro from '@tarojs/taro'

import type { LoginCode } from './port'

export type { LoginCode }

/**
 * JD: the `jd.login` code (valid five minutes; inside the JD app it opens JD's own
 * sign-in when the user is signed out), exchanged by the issuer for the JD openid
 * (provider `jd`).
 */
export async function getLoginCode(): Promise<LoginCode> {
  const { code } = (await Taro.login({ timeout: 15_000 })) as { code?: string }
  if (!code) throw new Error('jd.login returned no code')
  return { provider: 'jd', code }
}
