export { CreditArc, creditUsedPercent } from './credit-arc'
