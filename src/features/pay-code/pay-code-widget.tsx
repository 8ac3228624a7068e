import './pay-code-widget.scss'

import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'

import { CardLockControl, CardWidget, useCurrentCard } from '@/issuer/cards'
import { issuerClient, useResource } from '@/issuer/client'
import { CheckPrompt } from '@/issuer/payment-check'
import { code128, qrMatrix, warmUpEncoders } from '@/lib/codes'
import { pixelRatio } from '@/platform/system'
import { ErrorBanner } from '@/ui/error-banner'
import { useScreenContext, windowSize } from '@/ui/screen'
import { useEmitOnChange, useHostRefresh } from '@/ui/widget-host'

import { PayCodeArea } from './pay-code-area'
import { payCodeLayout } from './pay-code-layout'
import { PaymentResultView } from './payment-result'
import { usePayCode } from './use-pay-code'

/**
 * Pay code: QR and Code 128 of a single-use code from the issuer (or, offline, from the
 * provisioned seed), its countdown and refresh, digits masked until revealed, the
 * payment result by long-poll, and a warning where captures cannot be blocked.
 */
export interface PayCodeWidgetProps {
  /**
   * Carries the card's lock control (default). Off where another widget on the same page
   * carries it (the home page: Balance), so `#card-lock` is one element.
   */
  lockControl?: boolean
  /**
   * The PIN pad opens by itself when the check is asked (default: the pay-code page is
   * where the cardholder came to pay). Off on the home page: `#paycode-pin-open` opens it.
   */
  promptAtOnce?: boolean
}

export function PayCodeWidget({ lockControl = true, promptAtOnce = true }: PayCodeWidgetProps) {
  const { t, frame } = useScreenContext()
  const current = useCurrentCard()
  const { cards, card } = current
  const { state, withheld, capture, refresh, setRevealed, dismissResult, verifyOfflinePin } =
    usePayCode(card?.id, card?.locked === true)
  // The cardholder may put the PIN pad away; the code then waits behind one button.
  const [padOpen, setPadOpen] = useState(promptAtOnce)
  // A maxed card still gets a code (a repayment may land any moment), with a notice.
  const balance = useResource(card ? issuerClient.resources.balance(card.id) : null)
  const noCredit = balance.data !== undefined && balance.data.available_credit.amount <= 0
  const layout = useMemo(() => payCodeLayout(frame, pixelRatio(), windowSize().width), [frame])
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
  const locked = card?.locked === true || phase === 'locked'
  const status =
    cardsError?.kind === 'signed_out'
      ? 'signed_out'
      : cardsError
        ? 'error'
        : locked
          ? 'locked'
          : phase
  const checking = status === 'check'
  // Each check starts as the page wants it (a pad the cardholder opened goes with the check).
  useEffect(() => {
    if (!checking) setPadOpen(promptAtOnce)
  }, [checking, promptAtOnce])
  // Service-widget frames have no room for a pad: a tap opens the full page for it.
  const small = frame.id === 'widget-2x2' || frame.id === 'widget-2x4'

  const seconds = code ? state.secondsLeft : 0
  const revealed = state.revealed && code !== undefined

  const overlay = frame.compact && result.status !== 'none'
  // The smallest faces have room for one notice line: a card that cannot pay says so in
  // place of the standing capture warning (a reported capture still shows).
  // In order: offline, no credit, the standing capture warning.
  const tight = frame.id === 'watch-round-s' || layout.row
  const offline = phase === 'offline'
  const showNoCredit = noCredit && !(tight && offline)
  const showCapture =
    capture !== 'none' && !(tight && capture === 'unprotected' && (noCredit || offline))
  const codeArea = status !== 'error' && status !== 'signed_out' && !locked && !checking

  return (
    <CardWidget
      name='paycode'
      page='pay-code'
      title={t('paycode.title')}
      status={status}
      current={current}
    >
      <View className={`cl-paycode__stage${overlay ? ' cl-paycode__stage--covered' : ''}`}>
        {/* One line of status, not NutUI's NoticeBar (see ui/stale-badge). */}
        {offline ? (
          <View id='paycode-offline' className='cl-paycode__offline' role='status'>
            <Text>{frame.compact ? t('paycode.offline') : t('paycode.offlineHint')}</Text>
          </View>
        ) : null}

        {codeArea && showNoCredit ? (
          <View id='paycode-no-credit' className='cl-paycode__no-credit' role='status'>
            <Text>{frame.compact ? t('paycode.noCreditShort') : t('paycode.noCredit')}</Text>
          </View>
        ) : null}

        {locked && card ? (
          <View id='paycode-locked' className='cl-paycode__locked' role='status'>
            <Text className='cl-paycode__locked-title'>{t('lock.locked')}</Text>
            <Text className='cl-paycode__locked-hint'>
              {lockControl ? t('lock.lockedHint') : t('lock.unlockElsewhere')}
            </Text>
          </View>
        ) : checking ? (
          <View id='paycode-check' className='cl-paycode__check' role='status'>
            <Text>{small ? t('pin.openPage') : t('pin.required')}</Text>
            {small ? null : (
              <Button
                id='paycode-pin-open'
                className='cl-paycode__pin-open'
                type='primary'
                aria-label={t('pin.enter')}
                onClick={() => setPadOpen(true)}
              >
                {t('pin.enter')}
              </Button>
            )}
            {padOpen && !small ? (
              <CheckPrompt
                id='paycode-pin'
                title={t('pin.required')}
                onPassed={state.check === 'offline' ? () => undefined : refresh}
                onCancel={() => setPadOpen(false)}
                verifyOffline={state.check === 'offline' ? verifyOfflinePin : undefined}
              />
            ) : null}
          </View>
        ) : codeArea ? (
          <PayCodeArea
            layout={layout}
            qr={qr}
            bars={bars}
            value={value}
            seconds={seconds}
            revealed={revealed}
            canRefresh={card !== undefined}
            hidden={overlay}
            onReveal={() => setRevealed(!revealed)}
            onRefresh={refresh}
          />
        ) : (
          // The code area is the error and its way forward: no empty canvas, no
          // disabled refresh, no eye with nothing to reveal.
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
        )}

        {codeArea && showCapture ? (
          <View
            id='paycode-capture-warning'
            className={`cl-paycode__warning cl-paycode__warning--${capture}`}
            data-status={capture}
            role={capture === 'unprotected' ? undefined : 'alert'}
          >
            <Text>
              {capture !== 'unprotected'
                ? t(`paycode.capture.${capture}`)
                : layout.row
                  ? t('paycode.capture.unprotectedTiny')
                  : frame.shape === 'round'
                    ? t('paycode.capture.unprotectedShort')
                    : t('paycode.capture.unprotected')}
            </Text>
          </View>
        ) : null}

        {card && lockControl && !overlay && !small ? <CardLockControl card={card} /> : null}

        <PaymentResultView result={result} overlay={overlay} onDismiss={dismissResult} />
      </View>
    </CardWidget>
  )
}
