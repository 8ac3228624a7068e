import type { Money } from '@contract'

import type { Locale } from './i18n'

/** Money as the wire and the UI carry it (the contract's type): minor units and an ISO 4217 code. */
export type { Money }

/** Minor-unit exponents for the currencies an issuer may send; ISO 4217 default is 2. */
const EXPONENT: Record<string, number> = { CNY: 2, HKD: 2, USD: 2, EUR: 2, JPY: 0, KRW: 0 }

const FALLBACK_SYMBOL: Record<string, string> = {
  CNY: '¥',
  USD: '$',
  EUR: '€',
  HKD: 'HK$',
  JPY: '¥',
}

export function minorUnitExponent(currency: string): number {
  return EXPONENT[currency] ?? 2
}

/** Throws unless `amount` is a safe, non-negative integer of minor units. */
export function assertMinorUnits(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`money amount must be a non-negative safe integer, got ${amount}`)
  }
}

/** "123456" fen → "1234.56": exact, with no floating-point step. */
export function toDecimalString(money: Money): string {
  assertMinorUnits(money.amount)
  const exponent = minorUnitExponent(money.currency)
  if (exponent === 0) return String(money.amount)
  const digits = String(money.amount).padStart(exponent + 1, '0')
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
}

/**
 * Parses a user-typed decimal ("12.3", "12.30", "1,200") into minor units, or
 * returns undefined when it is not a valid non-negative amount with at most the
 * currency's decimals. This is the one place a decimal becomes money.
 */
export function parseDecimal(text: string, currency: string): number | undefined {
  const exponent = minorUnitExponent(currency)
  const clean = text.trim().replace(/,/g, '')
  const pattern = exponent === 0 ? /^(\d+)$/ : new RegExp(`^(\\d+)(?:\\.(\\d{0,${exponent}}))?$`)
  const match = pattern.exec(clean)
  if (!match) return undefined
  const whole = match[1] ?? '0'
  const fraction = (match[2] ?? '').padEnd(exponent, '0')
  const amount = Number(whole + fraction)
  return Number.isSafeInteger(amount) ? amount : undefined
}

const formatters = new Map<string, Intl.NumberFormat | null>()

function formatterFor(locale: Locale, currency: string): Intl.NumberFormat | null {
  const key = `${locale}|${currency}`
  if (!formatters.has(key)) {
    let formatter: Intl.NumberFormat | null = null
    try {
      formatter = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: minorUnitExponent(currency),
        maximumFractionDigits: minorUnitExponent(currency),
      })
      // Some Android mini-program engines ship Intl without currency data: they
      // answer without grouping or without a symbol. Detect and fall back.
      if (!/1.?234/.test(formatter.format(1234)) || /^1/.test(formatter.format(1))) formatter = null
    } catch {
      formatter = null
    }
    formatters.set(key, formatter)
  }
  return formatters.get(key) ?? null
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** The one money formatter: "¥1,234.56" (zh-CN) / "CN¥1,234.56" (en-US). */
export function formatMoney(money: Money, locale: Locale): string {
  const decimal = toDecimalString(money)
  const formatter = formatterFor(locale, money.currency)
  if (formatter) return formatter.format(Number(decimal))
  const [whole = '0', fraction] = decimal.split('.')
  const symbol = FALLBACK_SYMBOL[money.currency] ?? `${money.currency} `
  return `${symbol}${groupThousands(whole)}${fraction === undefined ? '' : `.${fraction}`}`
}

/** What a masked amount looks like: the currency symbol is kept, the figure is not. */
export function maskedMoney(money: Money, locale: Locale): string {
  const shown = formatMoney({ amount: 0, currency: money.currency }, locale)
  return shown.replace(/[\d.,]+/, '****')
}
