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
    // Small phones (iPhone SE 1st gen, 320 px Android) are phones, not watches.
    [320, 568, undefined, 'phone'],
    [360, 640, undefined, 'phone'],
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

  test('counts take their plural form in en-US (zh-CN has one form)', () => {
    expect(translate('en-US', 'bill.daysLeft', { days: 1 })).toBe('1 day left')
    expect(translate('en-US', 'bill.overdue', { days: 1 })).toBe('1 day overdue')
    expect(translate('en-US', 'bill.overdue', { days: 5 })).toBe('5 days overdue')
    expect(translate('en-US', 'bill.remindDaysValue', { days: 1 })).toBe('1 day')
    expect(translate('en-US', 'bill.remindedAt', { days: 1, time: '09:00' })).toBe(
      'Reminder set: 1 day before, 09:00',
    )
    expect(
      translate('en-US', 'bill.reminderItem', { days: 2, time: '09:30', channel: 'In app' }),
    ).toBe('2 days before, 09:30 · In app')
    expect(translate('zh-CN', 'bill.daysLeft', { days: 1 })).toBe('剩 1 天')
  })

  test('the balance owed now and the statement balance have different names', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      expect(translate(locale, 'balance.current')).not.toBe(
        translate(locale, 'bill.statementAmount'),
      )
    }
    expect(translate('en-US', 'balance.current')).toBe('Current balance')
  })

  test('no message of either table is left with an unfilled plural', () => {
    for (const locale of ['en-US', 'zh-CN'] as const) {
      for (const key of Object.keys(enUS) as (keyof typeof enUS)[]) {
        const text = translate(locale, key, { days: 1, seconds: 1, amount: 'X', time: 'T' })
        expect(text).not.toMatch(/plural,/)
      }
    }
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
