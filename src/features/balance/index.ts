export { BalanceWidget } from './balance-widget'
export { forgetBalancePrefs } from './use-balance-prefs'
