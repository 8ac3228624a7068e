// Its styles are in the shared stylesheets (src/ui/stylesheets): more than one widget draws it.
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { type ReactNode, useState } from 'react'

export interface PinPadProps {
  /** Stable id: the pad `<id>`, its keys `<id>-key-0`…`9`, `<id>-delete`, `<id>-cancel`. */
  id: string
  title: string
  /** A line under the dots: what went wrong (attempts left, a lockout), or a hint. */
  message?: string
  /** `message` is an error. */
  error?: boolean
  /** Keys do nothing while the last PIN is being checked. */
  busy?: boolean
  /** Digits a PIN has. */
  length: number
  labels: { delete: string; cancel: string }
  /** Called with the digits once `length` were typed; the pad empties itself. */
  onComplete(pin: string): void
  onCancel(): void
  /** Another way to pass the check (biometrics), under the keys. */
  extra?: ReactNode
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const

/**
 * A PIN pad of 48 px keys that fits a round 384 px face: three columns, four rows, the
 * dots above. Written here rather than NutUI's NumberKeyboard/ShortPassword: those are
 * bottom-sheet popups sized for phones (cut off on a round face) whose keys carry no ids a
 * QA script could tap. The digits live only in this component's state, never in a prop
 * that is logged, stored or put in a URL.
 */
export function PinPad(props: PinPadProps) {
  const { id, title, message, error, busy, length, labels, onComplete, onCancel, extra } = props
  const [digits, setDigits] = useState('')
  const press = (digit: string) => {
    if (busy || digits.length >= length) return
    const next = digits + digit
    if (next.length < length) {
      setDigits(next)
      return
    }
    setDigits('')
    onComplete(next)
  }
  // NutUI's Button: a real button on H5, so the keys are Tab stops with Enter and Space.
  const key = (label: string, keyId: string, onTap: () => void, aria = label) => (
    <Button
      key={keyId}
      id={keyId}
      className='cl-pin-pad__key'
      fill='none'
      aria-label={aria}
      onClick={onTap}
    >
      {label}
    </Button>
  )
  return (
    <View id={id} className='cl-dialog cl-pin-pad' role='dialog' aria-label={title}>
      <Text className='cl-pin-pad__title'>{title}</Text>
      <View className='cl-pin-pad__dots' aria-hidden>
        {Array.from({ length }, (_x, i) => (
          <View
            key={i}
            className={`cl-pin-pad__dot${i < digits.length ? ' cl-pin-pad__dot--on' : ''}`}
          />
        ))}
      </View>
      {message ? (
        <View
          id={`${id}-message`}
          className={`cl-pin-pad__message${error ? ' cl-pin-pad__message--error' : ''}`}
          role={error ? 'alert' : undefined}
        >
          <Text>{message}</Text>
        </View>
      ) : null}
      <View className='cl-pin-pad__keys'>
        {KEYS.map((digit) => key(digit, `${id}-key-${digit}`, () => press(digit)))}
        {key('✕', `${id}-cancel`, onCancel, labels.cancel)}
        {key('0', `${id}-key-0`, () => press('0'))}
        {key('⌫', `${id}-delete`, () => setDigits(digits.slice(0, -1)), labels.delete)}
      </View>
      {extra}
    </View>
  )
}
