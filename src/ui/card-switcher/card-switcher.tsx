import './card-switcher.scss'

import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

import type { MessageKey } from '@/lib/i18n'
import { cardArtColour } from '@/theme/brand'
import { useScreenContext } from '@/ui/screen'

/** What the switcher needs to know of a card: never the full number. */
export interface CardSummary {
  id: string
  brand: string
  last4: string
  /** The issuer's product name: picks the card-art colour (brand file). */
  product_name: string
}

export interface CardSwitcherProps {
  /** Stable id, e.g. `balance-card-switcher`. */
  id: string
  cards: CardSummary[]
  currentId: string
  /** A tap on the switcher asks for this card (the next one; only with several cards). */
  onChoose(cardId: string): void
}

const BRAND_KEYS: Record<string, MessageKey> = {
  unionpay: 'card.brand.unionpay',
  visa: 'card.brand.visa',
  mastercard: 'card.brand.mastercard',
}

/**
 * A card chip in the product's card-art colour, then "UnionPay ·· 8888"; with several cards, a tap moves to the next one (one tap on a watch). */
export function CardSwitcher({ id, cards, currentId, onChoose }: CardSwitcherProps) {
  const { t, frame } = useScreenContext()
  const index = Math.max(
    0,
    cards.findIndex((card) => card.id === currentId),
  )
  const current = cards[index]
  if (!current) return null
  const brandKey = BRAND_KEYS[current.brand]
  const brandName = brandKey ? t(brandKey) : current.brand
  const label = `${brandName} ·· ${current.last4}`
  const several = cards.length > 1
  const next = cards[(index + 1) % cards.length]
  const art = (
    <View
      className='cl-card-switcher__art'
      style={{ backgroundColor: cardArtColour(current.product_name) }}
      aria-hidden
    />
  )
  // The 2×2 service widget names the card in its chip and last four (a tap on it opens
  // the page, which switches); everywhere else the brand is spelt out.
  const shown = frame.id === 'widget-2x2' ? `·· ${current.last4}` : label
  if (!several || !next || frame.id === 'widget-2x2') {
    return (
      <View id={id} className='cl-card-switcher' data-card-id={current.id} aria-label={label}>
        {art}
        <Text className='cl-card-switcher__label'>{shown}</Text>
      </View>
    )
  }
  // A Button that cycles, not NutUI's ActionSheet or Popup: one tap on a watch face moves
  // to the next card, where a sheet takes two, covers the round face's safe square and
  // adds 29–32 KiB a package (bench/NUTUI.md).
  return (
    <Button
      id={id}
      className='cl-card-switcher cl-card-switcher--several'
      fill='outline'
      data-card-id={current.id}
      aria-label={t('card.switch', { card: label })}
      onClick={() => onChoose(next.id)}
    >
      {art}
      <Text className='cl-card-switcher__label'>{label}</Text>
      <Text className='cl-card-switcher__more'>⇄</Text>
    </Button>
  )
}
