import type { BiometricProof } from './port'

export type { BiometricProof } from './port'

/** Every platform but WeChat: no biometric check the issuer can verify; the PIN serves. */
export function biometricsSupported(): Promise<boolean> {
  return Promise.resolve(false)
}

export function biometricProof(_challenge: string, _prompt: string): Promise<BiometricProof> {
  return Promise.reject(new Error('biometrics are not available on this platform'))
}
