import type { FrameId } from '@/lib/frame'

/**
 * How many of the latest transactions fit under the figures, per frame: three on a
 * phone, one on the square watch and in the large round face's safe square; none on the
 * small round face (the row would end a few px from its safe square's edge), the band
 * and the service widgets (headline only; the tap opens the page). Checked against the
 * visual baselines.
 */
const ROWS: Record<FrameId, number> = {
  phone: 3,
  'watch-square': 1,
  'watch-round-l': 1,
  'watch-round-s': 0,
  band: 0,
  'widget-2x2': 0,
  'widget-2x4': 0,
}

export function transactionRows(frame: FrameId): number {
  return ROWS[frame]
}
