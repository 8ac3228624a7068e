import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

import type { code128, qrMatrix } from '@/lib/codes'
import { CodeCanvas } from '@/ui/code-canvas'
import { eyeGlyph } from '@/ui/eye'
import { useScreenContext } from '@/ui/screen'

import type { PayCodeLayout } from './pay-code-layout'

/** "6212 3456 7890 1234 567": groups of four from the left. */
export function groupDigits(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ')
}

/** "•••• •••• •••• 4567" (compact: "•••• 4567"): only the last four digits. */
export function maskDigits(code: string, compact: boolean): string {
  return `${compact ? '••••' : '•••• •••• ••••'} ${code.slice(-4)}`
}

export interface PayCodeAreaProps {
  layout: PayCodeLayout
  qr: ReturnType<typeof qrMatrix> | null
  bars: ReturnType<typeof code128> | null
  /** The code's 19 digits (none while a code is on its way). */
  value?: string
  seconds: number
  revealed: boolean
  canRefresh: boolean
  /** A payment's result covers the area (compact frames): out of the reading order. */
  hidden: boolean
  onReveal(): void
  onRefresh(): void
}

/**
 * The code itself: QR, barcode where it can be scanned, the digits behind the eye, the
 * countdown and the refresh. Drawn only while there is a code or one is on its way;
 * an error takes the whole area (PayCodeWidget).
 */
export function PayCodeArea(props: PayCodeAreaProps) {
  const { layout, qr, bars, value, seconds, revealed, hidden } = props
  const { t, frame } = useScreenContext()
  return (
    <View
      className={`cl-paycode__body${layout.row ? ' cl-paycode__body--row' : ''}`}
      aria-hidden={hidden ? 'true' : undefined}
    >
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
              {value ? t('paycode.seconds', { seconds }) : ''}
            </Text>
            {/* The eye is there once there are digits to reveal. */}
            {layout.digits && value ? (
              <Button
                id='paycode-reveal'
                className='cl-paycode__icon-button'
                fill='none'
                aria-label={revealed ? t('paycode.hide') : t('paycode.reveal')}
                onClick={props.onReveal}
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
              disabled={!props.canRefresh}
              onClick={props.onRefresh}
            >
              ↻
            </Button>
          </View>
        </View>
      </View>
    </View>
  )
}
