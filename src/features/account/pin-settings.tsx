import { PAYMENT_PIN_RULES, type PaymentCheckRequest } from '@contract'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'

import { issuerClient, updateResource, useResource } from '@/issuer/client'
import { checkMessage, stepUp, useBiometricsSupported } from '@/issuer/payment-check'
import { type MessageKey } from '@/lib/i18n'
import { PinPad } from '@/ui/pin-pad'
import { useScreenContext } from '@/ui/screen'

type Mode = 'set' | 'change' | 'remove' | 'biometrics'
type Step = 'current' | 'new' | 'repeat'

interface Flow {
  mode: Mode
  step: Step
  current?: string
  first?: string
}

const TITLES: Record<Step, MessageKey> = {
  current: 'pin.current',
  new: 'pin.new',
  repeat: 'pin.repeat',
}

/**
 * The optional payment PIN: set it, change or remove it after the current one, and on
 * WeChat let fingerprint or face stand in for it. `#pin-settings` carries `data-status`
 * (`on` / `off`); the buttons are `#pin-settings-set`, `-change`, `-remove`, `-biometrics`
 * and the pad `#pin-settings-pad`. The digits stay in the pad and this flow's state until
 * the issuer's answer, and go with it.
 */
export function PinSettings() {
  const { t } = useScreenContext()
  const check = useResource(issuerClient.resources.paymentCheck())
  const [flow, setFlow] = useState<Flow>()
  const [message, setMessage] = useState<string>()
  const [busy, setBusy] = useState(false)
  const canBiometrics = useBiometricsSupported()
  const data = check.data
  if (!data) return null
  const on = data.pin_set

  const start = (mode: Mode) => {
    setMessage(undefined)
    setFlow({ mode, step: mode === 'set' ? 'new' : 'current' })
  }

  const send = async (request: PaymentCheckRequest, again: Flow) => {
    setBusy(true)
    try {
      const { data: next } = await issuerClient.api.setPaymentCheck(request)
      if (next) updateResource(issuerClient.resources.paymentCheck(), () => next)
      if (request.pin !== undefined) stepUp.changed()
      setFlow(undefined)
      setMessage(undefined)
    } catch (error) {
      setMessage(checkMessage(error, t))
      setFlow(again)
    } finally {
      setBusy(false)
    }
  }

  const complete = (pin: string) => {
    if (!flow) return
    const { mode, step, current, first } = flow
    if (step === 'current') {
      if (mode === 'remove') void send({ pin: null, current_pin: pin }, flow)
      else if (mode === 'biometrics') {
        void send({ biometrics: !data.biometrics, current_pin: pin }, flow)
      } else setFlow({ mode, step: 'new', current: pin })
      setMessage(undefined)
      return
    }
    if (step === 'new') {
      setMessage(undefined)
      setFlow({ ...flow, step: 'repeat', first: pin })
      return
    }
    if (pin !== first) {
      setMessage(t('pin.mismatch'))
      setFlow({ mode, step: 'new', current })
      return
    }
    void send({ pin, current_pin: current }, { mode, step: mode === 'set' ? 'new' : 'current' })
  }

  const action = (mode: Mode, label: string) => (
    <Button
      id={`pin-settings-${mode}`}
      className='cl-account__pin-action'
      size='small'
      fill='outline'
      disabled={busy}
      aria-label={label}
      onClick={() => start(mode)}
    >
      {label}
    </Button>
  )

  return (
    <View id='pin-settings' className='cl-account__pin' data-status={on ? 'on' : 'off'}>
      <Text className='cl-account__pin-state'>{on ? t('pin.on') : t('pin.off')}</Text>
      {on ? action('change', t('pin.change')) : action('set', t('pin.set'))}
      {on ? action('remove', t('pin.remove')) : null}
      {on && canBiometrics
        ? action('biometrics', data.biometrics ? t('pin.biometricsOn') : t('pin.biometricsOff'))
        : null}
      {flow ? (
        <PinPad
          id='pin-settings-pad'
          title={t(TITLES[flow.step])}
          message={message}
          error={message !== undefined}
          busy={busy}
          length={PAYMENT_PIN_RULES.digits}
          labels={{ delete: t('pin.delete'), cancel: t('pin.cancel') }}
          onComplete={complete}
          onCancel={() => setFlow(undefined)}
        />
      ) : null}
    </View>
  )
}
