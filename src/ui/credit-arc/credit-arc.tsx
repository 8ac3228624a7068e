import './credit-arc.scss'

import { View } from '@tarojs/components'

import type { Money } from '@/lib/money'
import { useScreenContext } from '@/ui/screen'

export interface CreditArcProps {
  limit: Money
  available: Money
}

/** Whole percent of the limit in use (0–100): what the arc draws and says. */
export function creditUsedPercent(limit: Money, available: Money): number {
  if (limit.amount <= 0) return 100
  const used = (limit.amount - available.amount) / limit.amount
  return Math.round(Math.min(1, Math.max(0, used)) * 100)
}

/**
 * The credit in use as an arc along a round face's edge, clockwise from the top: a
 * conic gradient under a disc of the background, fixed to the face behind the content
 * (the safe square never reaches the ring). Plain CSS drawn once per change: no canvas,
 * no per-frame animation, the same on H5 and in the mini-programs' WebView renderer.
 */
export function CreditArc({ limit, available }: CreditArcProps) {
  const { t } = useScreenContext()
  const used = creditUsedPercent(limit, available)
  return (
    <View
      id='balance-arc'
      className='cl-credit-arc'
      data-status={String(used)}
      role='img'
      aria-label={t('balance.creditUsed', { percent: used })}
      style={{
        background: `conic-gradient(var(--cl-accent) 0 ${used}%, var(--cl-border) ${used}% 100%)`,
      }}
    />
  )
}
