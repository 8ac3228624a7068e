export { BalanceWidget } from './balance-widget'
