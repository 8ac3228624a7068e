import type { LoginCode } from './port'

export type { LoginCode }

interface AlipayAuth {
  getAuthCode(options: {
    scopes: string
    success(result: { authCode: string }): void
    fail(error: unknown): void
  }): void
}

/** Alipay: a silent `my.getAuthCode` (auth_base scope), exchanged by the issuer. */
export function getLoginCode(): Promise<LoginCode> {
  const my = (globalThis as unknown as { my: AlipayAuth }).my
  return new Promise((resolve, reject) => {
    my.getAuthCode({
      scopes: 'auth_base',
      success: ({ authCode }) => resolve({ provider: 'alipay', code: authCode }),
      fail: reject,
    })
  })
}
