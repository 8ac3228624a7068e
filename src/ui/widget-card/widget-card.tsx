import './widget-card.scss'

import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { ReactNode } from 'react'

import { CardHeader, type CardHeaderSwitcher } from '@/ui/card-header'
import { useScreenContext } from '@/ui/screen'
import { useEmitOnChange, useWidgetHost } from '@/ui/widget-host'

import { opensPageOnTap, openWidgetPage, tappedControl, type WidgetPage } from './service-tap'

export interface WidgetCardProps {
  /** Stable id for QA scripts (docs/qa.md). */
  id: string
  title: string
  /** Machine-readable state for tests: never parse display text to learn a state. */
  status: string
  /** Why the status is what it is (`card_not_found`), for an embedding host. */
  code?: string
  /** The card switcher in the header (CardHeader). */
  switcher?: CardHeaderSwitcher
  /**
   * The widget's full page: on a service-widget frame (2×2, 2×4) of Cardlet's own app a
   * tap on the card, outside its controls, opens it.
   */
  page?: WidgetPage
  children?: ReactNode
}

/**
 * The frame every widget is drawn in: a titled surface carrying `id` and `data-status`.
 * An embedded widget tells its host page each new status and card.
 */
export function WidgetCard(props: WidgetCardProps) {
  const { id, title, status, code, switcher, page, children } = props
  const { frame, t } = useScreenContext()
  const { embedded } = useWidgetHost()
  const { params } = useRouter()
  const opens = page !== undefined && !embedded && opensPageOnTap(frame)
  useEmitOnChange('statuschange', code ? `${status}:${code}` : status, () =>
    code ? { status, code } : { status },
  )
  const cardId = switcher?.currentId
  useEmitOnChange('cardchange', cardId, () => ({ cardId }))
  return (
    <View
      id={id}
      className={`cl-widget-card${opens ? ' cl-widget-card--opens' : ''}`}
      data-status={status}
      aria-label={opens ? t('common.openPage', { title }) : title}
      onClick={
        opens
          ? (event) => {
              if (!tappedControl(event)) openWidgetPage(page, params)
            }
          : undefined
      }
    >
      <CardHeader title={title} switcher={switcher} />
      <View className='cl-widget-card__body'>{children}</View>
    </View>
  )
}
