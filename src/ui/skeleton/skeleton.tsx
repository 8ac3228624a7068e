import './skeleton.scss'

import { View } from '@tarojs/components'

export interface SkeletonProps {
  /** Placeholder lines, each 24 px high. */
  rows: number
}

/**
 * Grey lines where content is loading, with a shimmer drawn by CSS alone. NutUI's
 * Skeleton replays its shimmer from a timer, a React render (a `setData` on the
 * mini-programs) every 1.6 s while it shows; and see button.tsx for what NutUI cost.
 */
export function Skeleton({ rows }: SkeletonProps) {
  return (
    <View className='cl-skeleton' aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='cl-skeleton__row' />
      ))}
    </View>
  )
}
