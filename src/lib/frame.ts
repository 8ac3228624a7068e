/** A screen the widgets are designed for (docs/testing.md "The frame gallery" shows them all). */
export type FrameId =
  | 'watch-round-l'
  | 'watch-round-s'
  | 'watch-square'
  | 'band'
  | 'widget-2x2'
  | 'widget-2x4'
  | 'phone'

export type FrameShape = 'round' | 'rect'

export interface Frame {
  id: FrameId
  width: number
  height: number
  shape: FrameShape
  /** Watch and service-widget frames: one glance, dark by default, big targets. */
  compact: boolean
}

export const FRAMES: readonly Frame[] = [
  { id: 'watch-round-l', width: 466, height: 466, shape: 'round', compact: true },
  { id: 'watch-round-s', width: 384, height: 384, shape: 'round', compact: true },
  { id: 'watch-square', width: 396, height: 484, shape: 'rect', compact: true },
  { id: 'band', width: 192, height: 490, shape: 'rect', compact: true },
  { id: 'widget-2x2', width: 170, height: 170, shape: 'rect', compact: true },
  { id: 'widget-2x4', width: 350, height: 170, shape: 'rect', compact: true },
  { id: 'phone', width: 375, height: 812, shape: 'rect', compact: false },
]

const PHONE = FRAMES[FRAMES.length - 1] as Frame

export function frameById(id: string | undefined): Frame | undefined {
  return FRAMES.find((f) => f.id === id)
}

/**
 * The frame for a window: an explicit id wins (the gallery and QA pin frames by URL);
 * otherwise a square window no larger than a round watch is treated as round, and a
 * window is matched to the nearest frame by size. Anything taller than a watch is a phone.
 */
export function detectFrame(width: number, height: number, override?: string): Frame {
  const pinned = frameById(override)
  if (pinned) return pinned
  // No watch or widget frame is 560 px tall: a 320 × 568 window is a small phone.
  if (width >= 320 && height >= 560) return PHONE
  let best = PHONE
  let bestDistance = Number.POSITIVE_INFINITY
  for (const frame of FRAMES) {
    const distance = Math.abs(frame.width - width) + Math.abs(frame.height - height)
    if (distance < bestDistance) {
      best = frame
      bestDistance = distance
    }
  }
  return best
}

/**
 * Padding that keeps content inside the square inscribed in a round face: the
 * circle of diameter d holds a d/sqrt(2) square, so each side loses (d - d/sqrt(2))/2.
 */
export function roundSafeInset(diameter: number): number {
  return Math.ceil((diameter - diameter / Math.SQRT2) / 2)
}

/** The watch faces (round and square), where each widget's first screen is a glance. */
export function isWatchFace(frame: Frame): boolean {
  return frame.id === 'watch-round-l' || frame.id === 'watch-round-s' || frame.id === 'watch-square'
}
