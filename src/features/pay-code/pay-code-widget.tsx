import './pay-code-widget.scss'

import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useMemo } from 'react'

import { useCurrentCard } from '@/issuer/cards'
import { issuerClient } from '@/issuer/client'
import type { DeclineReason } from '@/issuer/contract'
import { code128, qrMatrix, warmUpEncoders } from '@/lib/codes'
import type { MessageKey } from '@/lib/i18n'
import { formatMoney } from '@/lib/money'
import { pixelRatio } from '@/platform/system'
import { CodeCanvas } from '@/ui/code-canvas'
import { ErrorBanner } from '@/ui/error-banner'
import { eyeGlyph } from '@/ui/eye'
import { useScreenContext } from '@/ui/screen'
import { WidgetCard } from '@/ui/widget-card'
import { useEmitOnChange, useHostRefresh } from '@/ui/widget-host'

import type { PaymentResultStatus } from './pay-code-controller'
import { payCodeLayout } from './pay-code-layout'
import { usePayCode } from './use-pay-code'

const RESULT_KEYS: Record<Exclude<PaymentResultStatus, 'none'>, MessageKey> = {
  pending: 'paycode.result.pending',
  succeeded: 'paycode.result.succeeded',
  declined: 'paycode.result.declined',
}

/** A decline in words: what the cardholder can do about it differs by reason. */
const DECLINE_KEYS: Record<DeclineReason, MessageKey> = {
  insufficient_credit: 'paycode.decline.insufficient_credit',
  code_expired: 'paycode.decline.code_expired',
  issuer_declined: 'paycode.decline.issuer_declined',
}

/** "6212 3456 7890 1234 567": groups of four from the left. */
export function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ')
}

/** "•••• •••• •••• 4567" (compact: "•••• 4567"): only the last four digits. */
export function maskDigits(code: string, compact: boolean): string {
  return `${compact ? '••••' : '•••• •••• ••••'} ${code.slice(-4)}`
}

/**
 * Pay code: QR and Code 128 of a single-use code from the issuer (or, offline, from the
 * provisioned seed), its countdown and refresh, digits masked until revealed, the
 * payment result by long-poll, and a warning where captures cannot be blocked.
 */
export function PayCodeWidget() {
  const { t, locale, frame } = useScreenContext()
  const { cards, card, choose } = useCurrentCard()
  const { state, withheld, capture, refresh, setRevealed } = usePayCode(card?.id)
  const layout = useMemo(() => payCodeLayout(frame, pixelRatio()), [frame])
  const code = withheld ? undefined : state.code
  const value = code?.value
  // One matrix per code: a new object redraws the canvas.
  const qr = useMemo(() => (value ? qrMatrix(value, { errorCorrection: 'M' }) : null), [value])
  const bars = useMemo(() => (value && layout.barcode ? code128(value) : null), [value, layout])
  // While the first code is on its way, not when it lands.
  useEffect(() => {
    const timer = setTimeout(warmUpEncoders, 0)
    return () => clearTimeout(timer)
  }, [])
  const { result, phase } = state
  useHostRefresh(refresh)
  useEmitOnChange('paymentresult', result.status === 'none' ? undefined : result.status, () => ({
    status: result.status,
    amount: result.amount,
    merchant: result.merchant,
    declineReason: result.declineReason,
  }))
  const cardsError = cards.error && !cards.data ? cards.error : undefined
  const error = state.error ?? cardsError
  const status = cardsError?.kind === 'signed_out' ? 'signed_out' : cardsError ? 'error' : phase

  const seconds = code ? state.secondsLeft : 0
  const revealed = state.revealed && code !== undefined

  return (
    <WidgetCard
      id='paycode-card'
      title={t('paycode.title')}
      status={status}
      switcher={{
        id: 'paycode-card-switcher',
        cards: cards.data?.data,
        currentId: card?.id,
        onChoose: choose,
      }}
    >
      <View
        id='paycode-result'
        className={`cl-paycode__result cl-paycode__result--${result.status}`}
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
          </>
        ) : null}
      </View>

      {/* One line of status, not NutUI's NoticeBar (see ui/stale-badge). */}
      {phase === 'offline' ? (
        <View id='paycode-offline' className='cl-paycode__offline' role='status'>
          <Text>{frame.compact ? t('paycode.offline') : t('paycode.offlineHint')}</Text>
        </View>
      ) : null}

      {status === 'error' || status === 'signed_out' ? (
        <ErrorBanner
          kind={error?.kind ?? 'problem'}
          message={error ? t(error.messageKey) : t('error.generic')}
          actionLabel={status === 'signed_out' ? t('common.signIn') : t('common.retry')}
          onAction={() => {
            if (status === 'signed_out') {
              void issuerClient.session.signIn().then(
                () => (card ? refresh() : void cards.refresh()),
                () => undefined,
              )
            } else if (card) refresh()
            else void cards.refresh()
          }}
        />
      ) : null}

      <View className={`cl-paycode__body${layout.row ? ' cl-paycode__body--row' : ''}`}>
        <CodeCanvas
          id='paycode-qr'
          code={qr}
          width={layout.qr}
          height={layout.qr}
          label={t('paycode.qr')}
        />
        <View className='cl-paycode__side'>
          {layout.barcode && !(revealed && layout.revealReplacesBarcode) ? (
            <CodeCanvas
              id='paycode-barcode'
              className='cl-paycode__barcode'
              code={bars}
              width={layout.barcode.width}
              height={layout.barcode.height}
              label={t('paycode.barcode')}
            />
          ) : null}
          <View className='cl-paycode__controls'>
            {layout.digits ? (
              <View className='cl-paycode__digits-row'>
                <Text
                  id='paycode-digits'
                  className='cl-paycode__digits'
                  data-masked={revealed ? 'false' : 'true'}
                  aria-label={
                    value
                      ? revealed
                        ? t('paycode.digits', { digits: groupDigits(value) })
                        : t('paycode.digitsMasked', { last4: value.slice(-4) })
                      : undefined
                  }
                >
                  {value ? (revealed ? groupDigits(value) : maskDigits(value, frame.compact)) : ''}
                </Text>
              </View>
            ) : null}
            <View className='cl-paycode__timer-row'>
              {/* Not NutUI's CountDown: it sets state on every animation frame (a setData
                  per frame on the mini-programs), and the code's seconds are the issuer's
                  clock (with its measured skew), which the controller already keeps. */}
              <Text
                id='paycode-countdown'
                className='cl-paycode__countdown'
                data-seconds={seconds}
                aria-label={t('paycode.countdown', { seconds })}
              >
                {code ? t('paycode.seconds', { seconds }) : ''}
              </Text>
              {layout.digits ? (
                <Button
                  id='paycode-reveal'
                  className='cl-paycode__icon-button'
                  fill='none'
                  disabled={!value}
                  aria-label={revealed ? t('paycode.hide') : t('paycode.reveal')}
                  onClick={() => setRevealed(!revealed)}
                >
                  {eyeGlyph(revealed)}
                </Button>
              ) : null}
              <Button
                id='paycode-refresh'
                className='cl-paycode__refresh'
                size='small'
                fill='outline'
                aria-label={t('paycode.refresh')}
                disabled={!card}
                onClick={refresh}
              >
                ↻
              </Button>
              {capture !== 'none' && layout.row ? (
                <View
                  id='paycode-capture-warning'
                  className={`cl-paycode__warning-icon cl-paycode__warning--${capture}`}
                  data-status={capture}
                  role='img'
                  aria-label={t(`paycode.capture.${capture}`)}
                >
                  <Text>⚠</Text>
                </View>
              ) : null}
            </View>
          </View>
        </View>
      </View>

      {capture !== 'none' && !layout.row ? (
        <View
          id='paycode-capture-warning'
          className={`cl-paycode__warning cl-paycode__warning--${capture}`}
          data-status={capture}
          role={capture === 'unprotected' ? undefined : 'alert'}
        >
          <Text>
            {capture === 'unprotected' && frame.shape === 'round'
              ? t('paycode.capture.unprotectedShort')
              : t(`paycode.capture.${capture}`)}
          </Text>
        </View>
      ) : null}
    </WidgetCard>
  )
}
