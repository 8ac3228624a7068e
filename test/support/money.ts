import type { Money } from '@contract'

import { formatMoney } from '@/lib/money'

/** An amount in fen as the wire carries it: `{ amount, currency: 'CNY' }`. */
export function cnyMoney(amount: number): Money {
  return { amount, currency: 'CNY' }
}

/** An amount in fen as the widgets show it (`¥3,765.43`; en-US: `CN¥3,765.43`). */
export function cnyText(amount: number, locale: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  return formatMoney(cnyMoney(amount), locale)
}
