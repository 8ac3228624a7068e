import { detectFrame, roundSafeInset } from '@/lib/frame'
import { resolveLocale, translate } from '@/lib/i18n'
import { enUS } from '@/lib/i18n/en-US'
import { zhCN } from '@/lib/i18n/zh-CN'

describe('detectFrame', () => {
  test.each([
    [466, 466, undefined, 'watch-round-l'],
    [384, 384, undefined, 'watch-round-s'],
    [396, 484, undefined, 'watch-square'],
    [192, 490, undefined, 'band'],
    [170, 170, undefined, 'widget-2x2'],
    [350, 170, undefined, 'widget-2x4'],
    [375, 812, undefined, 'phone'],
    [414, 896, undefined, 'phone'],
    [1280, 720, undefined, 'phone'],
    [375, 812, 'watch-round-s', 'watch-round-s'],
    [375, 812, 'nonsense', 'phone'],
  ])('%d×%d (pinned %p) → %s', (width, height, pinned, expected) => {
    expect(detectFrame(width, height, pinned).id).toBe(expected)
  })

  test('round safe inset keeps content in the inscribed square', () => {
    expect(roundSafeInset(466)).toBe(69)
    expect(roundSafeInset(384)).toBe(57)
  })
})

describe('i18n', () => {
  test('both tables have exactly the same keys', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort())
  })

  test('placeholders are filled', () => {
    expect(translate('en-US', 'bill.daysLeft', { days: 3 })).toBe('3 days left')
    expect(translate('zh-CN', 'bill.daysLeft', { days: 3 })).toBe('剩 3 天')
  })

  test.each([
    ['en', 'en-US'],
    ['en_GB', 'en-US'],
    ['zh-Hans-CN', 'zh-CN'],
    [undefined, 'zh-CN'],
  ])('resolveLocale(%p) → %s', (tag, expected) => {
    expect(resolveLocale(tag)).toBe(expected)
  })
})
