import './stale-badge.scss'

import { Text } from '@tarojs/components'

export interface StaleBadgeProps {
  label: string
}

/**
 * Shown when data is older than its refresh interval; `id="stale-badge"` is stable.
 * Not NutUI's NoticeBar: a full-width bar with its icons and marquee timer, +18.3 KiB a
 * package (bench/NUTUI.md), for a two-word badge beside the figure it qualifies.
 */
export function StaleBadge({ label }: StaleBadgeProps) {
  return (
    <Text id='stale-badge' className='cl-stale-badge' aria-label={label}>
      {label}
    </Text>
  )
}
