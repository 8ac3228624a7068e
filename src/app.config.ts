import { brand } from '@/theme/brand'

const pages = [
  'pages/home/index',
  'pages/balance/index',
  'pages/pay-code/index',
  'pages/bill/index',
]
// The frame gallery is an H5-only developer page: it never ships in a mini-program package.
if (process.env.TARO_ENV === 'h5') pages.push('pages/preview/index')

export default defineAppConfig({
  pages,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#0b1020',
    navigationBarTitleText: brand.displayName,
    navigationBarTextStyle: 'white',
    backgroundColor: '#0b1020',
  },
  // WeChat (and JD) report the phone's light/dark setting, and its changes, only to an
  // app that says it handles dark mode; the phone frame follows it (ui/screen).
  darkmode: true,
})
