import { zhCN } from '@/lib/i18n/zh-CN'

// The static title shown before the page's script runs; the page then sets the title
// in the cardholder's language (Screen, from the same table).
export default definePageConfig({ navigationBarTitleText: zhCN['app.title'] })
