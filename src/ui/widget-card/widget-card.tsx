import './widget-card.scss'

import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface WidgetCardProps {
  /** Stable id for QA scripts (DESIGN.md "Pages and stable selectors"). */
  id: string
  title: string
  /** Machine-readable state for tests: never parse display text to learn a state. */
  status: string
  children?: ReactNode
  /** Shown after the title: a card switcher, a badge. */
  aside?: ReactNode
}

/** The frame every widget is drawn in: a titled surface carrying `id` and `data-status`. */
export function WidgetCard({ id, title, status, children, aside }: WidgetCardProps) {
  return (
    <View id={id} className='cl-widget-card' data-status={status} aria-label={title}>
      <View className='cl-widget-card__header'>
        <Text className='cl-widget-card__title'>{title}</Text>
        {aside}
      </View>
      <View className='cl-widget-card__body'>{children}</View>
    </View>
  )
}
