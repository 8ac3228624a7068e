// Its styles: src/ui/card-lock (in the shared stylesheets, src/ui/stylesheets).
import type { Card } from '@contract'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'

import { invalidate, isIssuerError, issuerClient, updateResource } from '@/issuer/client'
import { CheckPrompt, stepUp } from '@/issuer/payment-check'
import { useScreenContext } from '@/ui/screen'

/**
 * The lock the issuer confirmed, on every cached copy of the card at once: the card list
 * (which the pay code reads before it draws an offline code) and the balance. Both are
 * then fetched again, so the issuer's own word is what is kept on the device for a cold
 * start offline.
 */
export function applyCardLock(cardId: string, locked: boolean): void {
  const cards = issuerClient.resources.cards()
  const balance = issuerClient.resources.balance(cardId)
  updateResource(cards, (list) => ({
    ...list,
    data: list.data.map((card) => (card.id === cardId ? { ...card, locked } : card)),
  }))
  updateResource(balance, (figures) => ({ ...figures, locked }))
  void invalidate(cards)
  void invalidate(balance)
}

export interface CardLockControlProps {
  card: Card
}

/**
 * Lock and unlock the card in one tap: `#card-lock` carries `data-status` (`locked` or
 * `unlocked`), `#card-lock-toggle` is the control. Locking asks a confirmation that fits a
 * round 384 px face (`#card-lock-confirm-yes` / `-no`); unlocking asks the payment check
 * (`#card-lock-pin`) when the cardholder has one. The issuer's call is idempotent, and a
 * second tap while one is on its way does nothing: a double tap locks once.
 */
export function CardLockControl({ card }: CardLockControlProps) {
  const { t } = useScreenContext()
  const [step, setStep] = useState<'idle' | 'confirm' | 'check'>('idle')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  // Set in the same tick as the tap: state alone would let a second tap through.
  const inFlight = useRef(false)
  const { locked } = card

  const apply = async (next: boolean) => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    setError(undefined)
    try {
      const { data } = await issuerClient.api.setCardLock(card.id, next, stepUp.token())
      applyCardLock(card.id, data?.locked ?? next)
      setStep('idle')
    } catch (failure) {
      if (isIssuerError(failure) && failure.code === 'step_up_required') setStep('check')
      else {
        setStep('idle')
        setError(isIssuerError(failure) ? t(failure.messageKey) : t('error.generic'))
      }
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  return (
    <View id='card-lock' className='cl-card-lock' data-status={locked ? 'locked' : 'unlocked'}>
      <Button
        id='card-lock-toggle'
        className='cl-card-lock__toggle'
        size='small'
        type={locked ? 'primary' : 'default'}
        fill={locked ? 'solid' : 'outline'}
        loading={busy}
        aria-label={locked ? t('lock.unlock') : t('lock.lock')}
        onClick={() => (locked ? void apply(false) : setStep('confirm'))}
      >
        {locked ? t('lock.unlock') : t('lock.lock')}
      </Button>
      {error ? (
        <View id='card-lock-error' className='cl-card-lock__error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      {step === 'confirm' ? (
        <View id='card-lock-confirm' className='cl-dialog cl-card-lock__confirm' role='dialog'>
          <Text className='cl-card-lock__question'>{t('lock.confirm', { last4: card.last4 })}</Text>
          <View className='cl-card-lock__answers'>
            <Button
              id='card-lock-confirm-no'
              className='cl-card-lock__answer'
              fill='outline'
              aria-label={t('lock.cancel')}
              onClick={() => setStep('idle')}
            >
              {t('lock.cancel')}
            </Button>
            <Button
              id='card-lock-confirm-yes'
              className='cl-card-lock__answer'
              type='primary'
              loading={busy}
              aria-label={t('lock.confirmYes')}
              onClick={() => void apply(true)}
            >
              {t('lock.confirmYes')}
            </Button>
          </View>
        </View>
      ) : null}
      {step === 'check' ? (
        <CheckPrompt
          id='card-lock-pin'
          title={t('pin.unlockTitle')}
          onPassed={() => void apply(false)}
          onCancel={() => setStep('idle')}
        />
      ) : null}
    </View>
  )
}
