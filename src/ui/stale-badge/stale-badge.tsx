import './stale-badge.scss'

import { Text } from '@tarojs/components'

export interface StaleBadgeProps {
  label: string
}

/** Shown when data is older than its refresh interval; `id="stale-badge"` is stable. */
export function StaleBadge({ label }: StaleBadgeProps) {
  return (
    <Text id='stale-badge' className='cl-stale-badge' aria-label={label}>
      {label}
    </Text>
  )
}
