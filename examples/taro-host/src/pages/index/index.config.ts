export default definePageConfig({
  navigationBarTitleText: 'My Bank',
  usingComponents: { 'cardlet-balance': '../../cardlet/balance/index' },
})
