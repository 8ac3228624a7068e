// The payment check (PIN, or WeChat SOTER) that pay codes and unlocking a card ask for
// when the cardholder has a payment PIN.
export {
  checkMessage,
  CheckPrompt,
  type CheckPromptProps,
  type OfflineVerdict,
} from './check-prompt'
export { stepUp } from './step-up'
export { useBiometricsSupported } from './use-biometrics'
