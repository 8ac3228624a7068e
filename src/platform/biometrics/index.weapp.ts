import { invoke } from '@/platform/mini-api'

import type { BiometricProof } from './port'

export type { BiometricProof } from './port'

type SoterMode = 'fingerPrint' | 'facial'

/** The SOTER modes this device supports and has enrolled (fingerprint first). */
async function enrolledMode(): Promise<SoterMode | undefined> {
  try {
    const { supportMode } = await invoke<{ supportMode: SoterMode[] }>(
      'checkIsSupportSoterAuthentication',
    )
    for (const mode of ['fingerPrint', 'facial'] as const) {
      if (!supportMode.includes(mode)) continue
      const { isEnrolled } = await invoke<{ isEnrolled: boolean }>('checkIsSoterEnrolledInDevice', {
        checkAuthMode: mode,
      })
      if (isEnrolled) return mode
    }
  } catch {
    // No SOTER on this device or base library.
  }
  return undefined
}

/** WeChat SOTER: a fingerprint or face the device has enrolled. */
export async function biometricsSupported(): Promise<boolean> {
  return (await enrolledMode()) !== undefined
}

/**
 * Asks for the fingerprint or face and returns WeChat's signed result for `challenge`
 * (the issuer verifies the signature server-side: docs/sandbox.md).
 */
export async function biometricProof(challenge: string, prompt: string): Promise<BiometricProof> {
  const mode = await enrolledMode()
  if (!mode) throw new Error('no enrolled SOTER mode')
  const result = await invoke<{ resultJSON: string; resultJSONSignature: string }>(
    'startSoterAuthentication',
    { requestAuthModes: [mode], challenge, authContent: prompt },
  )
  return { result_json: result.resultJSON, result_json_signature: result.resultJSONSignature }
}
