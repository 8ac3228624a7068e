import type { ReactNode } from 'react'

import { WidgetCard, type WidgetPage } from '@/ui/widget-card'

import type { CurrentCard } from './use-current-card'

export interface CardWidgetProps {
  /** The widget's stable-id prefix: `<name>-card`, `<name>-card-switcher` (docs/qa.md). */
  name: 'balance' | 'paycode' | 'bill'
  page: WidgetPage
  title: string
  /** What the widget's `data-status` says (from resourceStatus, or the widget's own). */
  status: string
  /** The chosen card as the widget got it from useCurrentCard (its resources follow it). */
  current: CurrentCard
  children?: ReactNode
}

/**
 * The shell every card widget shares: the widget card for the chosen card, with the card
 * switcher in its header and the widget's status on it.
 */
export function CardWidget({ name, page, title, status, current, children }: CardWidgetProps) {
  return (
    <WidgetCard
      id={`${name}-card`}
      page={page}
      title={title}
      status={status}
      switcher={{
        id: `${name}-card-switcher`,
        cards: current.cards.data?.data,
        currentId: current.card?.id,
        onChoose: current.choose,
      }}
    >
      {children}
    </WidgetCard>
  )
}
