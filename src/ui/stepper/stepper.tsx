import './stepper.scss'

import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

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
 * A labelled value with one step down and one step up, each a 48 px NutUI button that
 * says what it does (NutUI's InputNumber has small unlabeled buttons and a bare input).
 */
export function Stepper({ id, label, value, lessLabel, moreLabel, onLess, onMore }: StepperProps) {
  return (
    <View className='cl-stepper'>
      <Text className='cl-stepper__label'>{label}</Text>
      <View className='cl-stepper__controls'>
        <Button
          id={`${id}-less`}
          className='cl-stepper__button'
          fill='outline'
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
          fill='outline'
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
