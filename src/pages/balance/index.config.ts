import { zhCN } from '@/lib/i18n/zh-CN'

// The static title shown before the page's script runs; the page then sets the title
// in the cardholder's language (Screen, from the same table).
// Pull down to refresh the figures (the widget's usePullToRefresh).
export default definePageConfig({
  navigationBarTitleText: zhCN['balance.title'],
  enablePullDownRefresh: true,
})
