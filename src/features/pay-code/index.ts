export { PayCodeWidget } from './pay-code-widget'
