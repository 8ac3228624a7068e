import Taro from '@tarojs/taro'

import type { LoginCode } from './port'

export type { LoginCode }

/** WeChat: the `wx.login` code; the issuer exchanges it (the app never holds a secret). */
export async function getLoginCode(): Promise<LoginCode> {
  const { code } = await Taro.login()
  return { provider: 'wechat', code }
}
