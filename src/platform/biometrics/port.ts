// The biometrics port's shape, apart from its platform variants (biometrics/index.ts,
// biometrics/index.weapp.ts).

/** A platform's signed biometric result, as the issuer's step-up takes it. */
export interface BiometricProof {
  result_json: string
  result_json_signature: string
}
