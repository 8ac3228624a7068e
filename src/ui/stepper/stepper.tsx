import './stepper.scss'

import { Text, View } from '@tarojs/components'

import { Button } from '@/ui/button'

export interface StepperProps {
  /** Stable id of the value; the buttons are `<id>-less` and `<id>-more`. */
  id: string
  label: string
  /** The value as shown. */
  value: string
  lessLabel: string
  moreLabel: string
  /** Null at the lower bound. */
  onLess: (() => void) | null
  /** Null at the upper bound. */
  onMore: (() => void) | null
}

/**
 * A labelled value with one step down and one step up, each a 48 px button that
 * says what it does (a number input's spinner buttons are small and unlabeled).
 */
export function Stepper({ id, label, value, lessLabel, moreLabel, onLess, onMore }: StepperProps) {
  return (
    <View className='cl-stepper'>
      <Text className='cl-stepper__label'>{label}</Text>
      <View className='cl-stepper__controls'>
        <Button
          id={`${id}-less`}
          className='cl-stepper__button'
          disabled={!onLess}
          aria-label={lessLabel}
          onClick={() => onLess?.()}
        >
          −
        </Button>
        <Text id={id} className='cl-stepper__value' aria-label={`${label} ${value}`}>
          {value}
        </Text>
        <Button
          id={`${id}-more`}
          className='cl-stepper__button'
          disabled={!onMore}
          aria-label={moreLabel}
          onClick={() => onMore?.()}
        >
          +
        </Button>
      </View>
    </View>
  )
}
