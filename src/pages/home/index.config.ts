export default definePageConfig({ navigationBarTitleText: 'Cardlet' })
