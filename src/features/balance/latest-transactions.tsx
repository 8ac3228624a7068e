import type { Transaction, TransactionStatus } from '@contract'
import { Cell } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

import type { MessageKey } from '@/lib/i18n'
import { formatMoney, maskedMoney } from '@/lib/money'
import { useScreenContext } from '@/ui/screen'

export interface LatestTransactionsProps {
  transactions: readonly Transaction[]
  /** Amounts masked, as the figures above are. */
  masked: boolean
  /** A heading above the rows (the phone; a watch shows the row alone). */
  heading: boolean
}

/** The mark beside a transaction that has not simply posted. */
const MARKS: Partial<Record<TransactionStatus, MessageKey>> = {
  pending: 'balance.transaction.pending',
  declined: 'balance.transaction.declined',
  reversed: 'balance.transaction.reversed',
}

/**
 * The latest transactions under the balance figures: who (the merchant, or what the
 * issuer booked), a mark unless posted, and the amount, a credit with a plus sign.
 * Each row carries its status in `data-status` (`transaction-item`).
 */
export function LatestTransactions({ transactions, masked, heading }: LatestTransactionsProps) {
  const { t, locale } = useScreenContext()
  return (
    <View
      id='balance-transactions'
      className='cl-balance__transactions'
      role='list'
      aria-label={t('balance.transactions')}
    >
      {heading ? (
        <Text className='cl-balance__transactions-title'>{t('balance.transactions')}</Text>
      ) : null}
      {transactions.map((tx) => {
        const mark = MARKS[tx.status]
        const amount = masked ? maskedMoney(tx.amount, locale) : formatMoney(tx.amount, locale)
        const who =
          tx.type === 'repayment'
            ? t('balance.transaction.repayment')
            : tx.type === 'fee'
              ? t('balance.transaction.fee')
              : tx.merchant
        return (
          // NutUI's Cell passes no id, role or data-* to its view: the row's stable
          // selector and list role are on the view around it.
          <View
            key={tx.id}
            id='transaction-item'
            className={`cl-balance__transaction cl-balance__transaction--${tx.status}`}
            role='listitem'
            data-status={tx.status}
          >
            <Cell
              className='cl-balance__transaction-cell'
              title={
                <>
                  <Text className='cl-balance__transaction-who'>{who}</Text>
                  {mark ? <Text className='cl-balance__transaction-mark'>{t(mark)}</Text> : null}
                </>
              }
              extra={
                <Text
                  className='cl-balance__transaction-amount'
                  data-masked={masked ? 'true' : 'false'}
                >
                  {tx.direction === 'credit' ? `+${amount}` : amount}
                </Text>
              }
            />
          </View>
        )
      })}
    </View>
  )
}
