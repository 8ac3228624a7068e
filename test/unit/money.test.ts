import { formatMoney, maskedMoney, parseDecimal, toDecimalString } from '@/lib/money'

describe('toDecimalString', () => {
  test.each([
    [0, '0.00'],
    [5, '0.05'],
    [99, '0.99'],
    [100, '1.00'],
    [123456, '1234.56'],
    [9007199254740991, '90071992547409.91'],
  ])('%d fen → %s', (amount, expected) => {
    expect(toDecimalString({ amount, currency: 'CNY' })).toBe(expected)
  })

  test.each([[-1], [1.5], [Number.MAX_SAFE_INTEGER + 1], [Number.NaN]])('rejects %p', (amount) => {
    expect(() => toDecimalString({ amount, currency: 'CNY' })).toThrow(RangeError)
  })

  test('zero-decimal currencies have no point', () => {
    expect(toDecimalString({ amount: 1500, currency: 'JPY' })).toBe('1500')
  })
})

describe('formatMoney', () => {
  test.each([
    ['zh-CN', 0, '¥0.00'],
    ['zh-CN', 1234567, '¥12,345.67'],
    ['en-US', 1234567, 'CN¥12,345.67'],
    ['en-US', 5, 'CN¥0.05'],
  ] as const)('%s %d → %s', (locale, amount, expected) => {
    expect(formatMoney({ amount, currency: 'CNY' }, locale)).toBe(expected)
  })

  test('masking keeps the symbol and hides the figure', () => {
    expect(maskedMoney({ amount: 1234567, currency: 'CNY' }, 'zh-CN')).toBe('¥****')
  })
})

describe('parseDecimal', () => {
  test.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    ['1,200.00', 120000],
    [' 0.01 ', 1],
    ['12.345', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['', undefined],
    ['abc', undefined],
  ])('%p → %p', (text, expected) => {
    expect(parseDecimal(text, 'CNY')).toBe(expected)
  })
})
