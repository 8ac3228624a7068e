import './widget-card.scss'

import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

import { CardHeader, type CardHeaderSwitcher } from '@/ui/card-header'
import { useEmitOnChange } from '@/ui/widget-host'

export interface WidgetCardProps {
  /** Stable id for QA scripts (README "Stable selectors"). */
  id: string
  title: string
  /** Machine-readable state for tests: never parse display text to learn a state. */
  status: string
  /** Why the status is what it is (`card_not_found`), for an embedding host. */
  code?: string
  /** The card switcher in the header (CardHeader). */
  switcher?: CardHeaderSwitcher
  children?: ReactNode
}

/**
 * The frame every widget is drawn in: a titled surface carrying `id` and `data-status`.
 * An embedded widget tells its host page each new status and card.
 */
export function WidgetCard({ id, title, status, code, switcher, children }: WidgetCardProps) {
  useEmitOnChange('statuschange', code ? `${status}:${code}` : status, () =>
    code ? { status, code } : { status },
  )
  const cardId = switcher?.currentId
  useEmitOnChange('cardchange', cardId, () => ({ cardId }))
  return (
    <View id={id} className='cl-widget-card' data-status={status} aria-label={title}>
      <CardHeader title={title} switcher={switcher} />
      <View className='cl-widget-card__body'>{children}</View>
    </View>
  )
}
