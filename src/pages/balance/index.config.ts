export default definePageConfig({ navigationBarTitleText: '可用额度' })
