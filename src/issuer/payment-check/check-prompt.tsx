import { PAYMENT_PIN_RULES } from '@contract'
import { Button } from '@nutui/nutui-react-taro'
import { useState } from 'react'

import { isIssuerError, issuerClient, useResource } from '@/issuer/client'
import { parseRfc3339 } from '@/lib/offline-seed'
import { formatClock } from '@/lib/time'
import { PinPad } from '@/ui/pin-pad'
import { useScreenContext } from '@/ui/screen'

import { stepUp } from './step-up'
import { useBiometricsSupported } from './use-biometrics'

/** What a PIN checked on the device (offline) says: right, or the tries left. */
export interface OfflineVerdict {
  ok: boolean
  attemptsLeft: number
}

export interface CheckPromptProps {
  /** The pad's stable id (`paycode-pin`, `card-lock-pin`). */
  id: string
  title: string
  onPassed(): void
  onCancel(): void
  /** Offline: the PIN is checked on the device against the seed's material instead. */
  verifyOffline?: (pin: string) => Promise<OfflineVerdict>
}

/** A PIN the device found wrong offline, with what the pad says. */
class OfflineMiss extends Error {}

/** What the pad says after a wrong PIN, a lockout or a failed call. */
export function checkMessage(error: unknown, t: ReturnType<typeof useScreenContext>['t']): string {
  if (error instanceof OfflineMiss) return error.message
  if (!isIssuerError(error)) return t('error.generic')
  if (error.code === 'pin_incorrect' && error.attemptsLeft !== undefined) {
    return t('pin.wrong', { count: error.attemptsLeft })
  }
  const until = error.code === 'pin_locked' ? parseRfc3339(error.lockedUntil ?? '') : undefined
  if (until !== undefined) return t('pin.lockedUntil', { time: formatClock(until) })
  return t(error.messageKey)
}

/**
 * The payment check before a pay code or an unlock: the PIN pad (the issuer checks the
 * PIN and answers a short-lived grant; offline, the device checks it against the seed's
 * material), and on WeChat the fingerprint or face when the cardholder turned it on.
 */
export function CheckPrompt({ id, title, onPassed, onCancel, verifyOffline }: CheckPromptProps) {
  const { t } = useScreenContext()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string>()
  const check = useResource(verifyOffline ? null : issuerClient.resources.paymentCheck())
  const supported = useBiometricsSupported()
  const biometrics = check.data?.biometrics === true && supported

  const attempt = async (prove: () => Promise<void>) => {
    setBusy(true)
    setMessage(undefined)
    try {
      await prove()
      onPassed()
    } catch (error) {
      setMessage(checkMessage(error, t))
    } finally {
      setBusy(false)
    }
  }

  const complete = (pin: string) => {
    if (!verifyOffline) {
      void attempt(() => stepUp.withPin(pin))
      return
    }
    void attempt(async () => {
      const { ok, attemptsLeft } = await verifyOffline(pin)
      if (ok) return
      throw new OfflineMiss(
        attemptsLeft > 0 ? t('pin.wrong', { count: attemptsLeft }) : t('pin.offlineLocked'),
      )
    })
  }

  return (
    <PinPad
      id={id}
      title={title}
      message={message ?? (verifyOffline ? t('paycode.offline') : undefined)}
      error={message !== undefined}
      busy={busy}
      length={PAYMENT_PIN_RULES.digits}
      labels={{ delete: t('pin.delete'), cancel: t('pin.cancel') }}
      onComplete={complete}
      onCancel={onCancel}
      extra={
        biometrics ? (
          <Button
            id={`${id}-biometrics`}
            size='small'
            fill='outline'
            disabled={busy}
            aria-label={t('pin.biometrics')}
            onClick={() => void attempt(() => stepUp.withBiometrics(title))}
          >
            {t('pin.biometrics')}
          </Button>
        ) : null
      }
    />
  )
}
