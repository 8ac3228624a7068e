export { PayCodeWidget } from './pay-code-widget'
export { forgetOfflineSeeds } from './use-pay-code'
