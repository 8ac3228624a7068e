import type { DeclineReason } from '@contract'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

import type { MessageKey } from '@/lib/i18n'
import { formatMoney } from '@/lib/money'
import { useScreenContext } from '@/ui/screen'

import type { PaymentResult, PaymentResultStatus } from './pay-code-controller'

const RESULT_KEYS: Record<Exclude<PaymentResultStatus, 'none'>, MessageKey> = {
  pending: 'paycode.result.pending',
  succeeded: 'paycode.result.succeeded',
  declined: 'paycode.result.declined',
  reversed: 'paycode.result.reversed',
  unknown: 'paycode.result.unknown',
}

/** What to do about a result that is not the till's final word. */
const RESULT_HINT_KEYS: Record<'reversed' | 'unknown', MessageKey> = {
  reversed: 'paycode.result.reversedHint',
  unknown: 'paycode.result.unknownHint',
}

/** A decline in words: what the cardholder can do about it differs by reason. */
const DECLINE_KEYS: Record<DeclineReason, MessageKey> = {
  insufficient_credit: 'paycode.decline.insufficient_credit',
  currency_not_supported: 'paycode.decline.currency_not_supported',
  card_locked: 'paycode.decline.card_locked',
  issuer_declined: 'paycode.decline.issuer_declined',
}

export interface PaymentResultViewProps {
  result: PaymentResult
  /** The small faces show the result over the code, with a way back to it. */
  overlay: boolean
  onDismiss(): void
}

/**
 * The till's answer for the code on screen (`#paycode-result`, its `data-status` the
 * result): what happened, the amount and merchant, why a decline, what to do about a
 * reversal or no result, and the way back to the code.
 */
export function PaymentResultView({ result, overlay, onDismiss }: PaymentResultViewProps) {
  const { t, locale } = useScreenContext()
  return (
    <View
      id='paycode-result'
      className={`cl-paycode__result cl-paycode__result--${result.status}${
        overlay ? ' cl-paycode__result--overlay' : ''
      }`}
      data-status={result.status}
      role='status'
      aria-live='polite'
    >
      {result.status !== 'none' ? (
        <>
          <Text className='cl-paycode__result-label'>{t(RESULT_KEYS[result.status])}</Text>
          {result.amount ? (
            <Text id='paycode-result-amount' className='cl-paycode__result-amount'>
              {formatMoney(result.amount, locale)}
            </Text>
          ) : null}
          {result.merchant ? (
            <Text id='paycode-result-merchant' className='cl-paycode__result-merchant'>
              {result.merchant}
            </Text>
          ) : null}
          {result.status === 'declined' && result.declineReason ? (
            <Text
              id='paycode-result-reason'
              className='cl-paycode__result-reason'
              data-status={result.declineReason}
            >
              {t(DECLINE_KEYS[result.declineReason])}
            </Text>
          ) : null}
          {result.status === 'reversed' || result.status === 'unknown' ? (
            <Text id='paycode-result-hint' className='cl-paycode__result-reason'>
              {t(RESULT_HINT_KEYS[result.status])}
            </Text>
          ) : null}
          <Button
            id='paycode-result-dismiss'
            className='cl-paycode__result-dismiss'
            size='small'
            fill='outline'
            // The visible words are the name where there are words (WCAG 2.5.3).
            aria-label={overlay ? t('paycode.result.showCode') : t('paycode.result.dismissLabel')}
            onClick={onDismiss}
          >
            {overlay ? t('paycode.result.showCode') : '✕'}
          </Button>
        </>
      ) : null}
    </View>
  )
}
