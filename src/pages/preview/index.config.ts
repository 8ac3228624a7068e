export default definePageConfig({ navigationBarTitleText: 'Preview' })
