import './card-header.scss'

import { Text, View } from '@tarojs/components'

import { type CardSummary, CardSwitcher } from '@/ui/card-switcher'

/** The card switcher in a header: shown once the cards and the current one are known. */
export interface CardHeaderSwitcher {
  /** Stable id, e.g. `balance-card-switcher`. */
  id: string
  cards?: CardSummary[]
  currentId?: string
  onChoose(cardId: string): void
}

export interface CardHeaderProps {
  title: string
  switcher?: CardHeaderSwitcher
}

/** A widget's header: its title, and the card it speaks for with the switch to the next. */
export function CardHeader({ title, switcher }: CardHeaderProps) {
  const { id, cards, currentId, onChoose } = switcher ?? {}
  return (
    <View className='cl-widget-card__header'>
      <Text className='cl-widget-card__title'>{title}</Text>
      {id && cards && currentId && onChoose ? (
        <CardSwitcher id={id} cards={cards} currentId={currentId} onChoose={onChoose} />
      ) : null}
    </View>
  )
}
