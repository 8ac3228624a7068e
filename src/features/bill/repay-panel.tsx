import type { Statement } from '@contract'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import { type Money, parseDecimal } from '@/lib/money'
import { useScreenContext } from '@/ui/screen'

import { remainingDue, remainingMinimum } from './bill-math'
import type { RepayKind, useRepay } from './use-repay'

type Repay = ReturnType<typeof useRepay>

/**
 * The confirmation of a repayment (and its retry after a failure), in the card, not
 * NutUI's Dialog: its Overlay and react-transition-group add 28 KiB to every package
 * (bench/NUTUI.md).
 */
export function RepayConfirm({ repay, money }: { repay: Repay; money: (m: Money) => string }) {
  const { t } = useScreenContext()
  const r = repay.state
  if (r.phase !== 'confirm' && r.phase !== 'submitting' && r.phase !== 'failed') return null
  return (
    <View
      id='bill-repay-panel'
      className='cl-bill__confirm'
      data-status={r.phase}
      data-idempotency-key={r.key}
    >
      <Text className='cl-bill__confirm-text'>
        {r.phase === 'failed'
          ? t('bill.repayFailed', { reason: t(r.error.messageKey) })
          : t('bill.repayConfirmPrompt', { amount: money(r.amount) })}
      </Text>
      <View className='cl-bill__actions'>
        <Button
          id='bill-repay-confirm'
          type='primary'
          loading={r.phase === 'submitting'}
          aria-label={t('bill.repayConfirm', { amount: money(r.amount) })}
          onClick={() => void repay.confirm()}
        >
          {r.phase === 'failed'
            ? t('common.retry')
            : t('bill.repayConfirm', { amount: money(r.amount) })}
        </Button>
        <Button
          id='bill-repay-cancel'
          fill='outline'
          disabled={r.phase === 'submitting'}
          aria-label={t('bill.repayCancel')}
          onClick={repay.cancel}
        >
          {t('bill.repayCancel')}
        </Button>
      </View>
    </View>
  )
}

export interface RepayActionsProps {
  statement: Statement
  /** Small frames: full and minimum only, no typed amount. */
  compact: boolean
  money: (m: Money) => string
  /** The typed amount, kept by the widget so a cancelled confirmation leaves it in place. */
  custom: string
  onCustom(text: string): void
  onStart(kind: RepayKind, amount: Money): void
}

/** Repay in full, the minimum, or an amount the cardholder types (checked before it is asked). */
export function RepayActions(props: RepayActionsProps) {
  const { statement, compact, money, custom, onCustom, onStart } = props
  const { t } = useScreenContext()
  const [customError, setCustomError] = useState<string>()
  const due = remainingDue(statement)
  const minimum = remainingMinimum(statement)

  const startCustom = () => {
    const amount = parseDecimal(custom, due.currency)
    if (amount === undefined || amount < 1 || amount > due.amount) {
      setCustomError(t('bill.customInvalid', { max: money(due) }))
      return
    }
    setCustomError(undefined)
    onStart('custom', { amount, currency: due.currency })
  }

  return (
    <View className='cl-bill__actions'>
      <Button
        id='bill-repay-full'
        type='primary'
        aria-label={`${t('bill.repayFull')} ${money(due)}`}
        onClick={() => onStart('full', due)}
      >
        {t('bill.repayFull')}
      </Button>
      <Button
        id='bill-repay-minimum'
        fill='outline'
        disabled={minimum.amount === 0}
        aria-label={`${t('bill.repayMinimum')} ${money(minimum)}`}
        onClick={() => onStart('minimum', minimum)}
      >
        {t('bill.repayMinimum')}
      </Button>
      {compact ? null : (
        <View className='cl-bill__custom'>
          <Input
            id='bill-repay-custom-input'
            className='cl-bill__custom-amount'
            type='digit'
            value={custom}
            placeholder={t('bill.customPlaceholder')}
            aria-label={t('bill.customPlaceholder')}
            onChange={onCustom}
          />
          <Button
            id='bill-repay-custom'
            fill='outline'
            aria-label={t('bill.repayCustom')}
            onClick={startCustom}
          >
            {t('bill.repayCustom')}
          </Button>
        </View>
      )}
      {customError ? <Text className='cl-bill__error'>{customError}</Text> : null}
    </View>
  )
}
