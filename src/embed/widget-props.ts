import * as v from 'valibot'

import { type FrameId, FRAMES } from '@/lib/frame'
import type { Locale } from '@/lib/i18n'

/** What a host sets on a widget through its `props` attribute (plain JSON). */
export interface WidgetProps {
  /** The card to show; absent: the cardholder's remembered or first card. */
  cardId?: string
  locale?: Locale
  /** `auto`: dark on compact frames, light on a phone (as Cardlet's own pages). */
  theme?: 'light' | 'dark' | 'auto'
  /** The balance's privacy eye, closed or open to begin with. */
  masked?: boolean
  /** Absent: from the host's window width. */
  frame?: FrameId
}

const FIELDS = {
  cardId: v.pipe(v.string(), v.minLength(1)),
  locale: v.picklist(['zh-CN', 'en-US']),
  theme: v.picklist(['light', 'dark', 'auto']),
  masked: v.boolean(),
  frame: v.picklist(FRAMES.map((frame) => frame.id)),
} satisfies { [K in keyof WidgetProps]-?: v.GenericSchema<unknown, WidgetProps[K]> }

/**
 * The host's `props`, field by field: a field of the wrong type keeps its default and is
 * named in `problems` (the widget logs them), the others still apply; an unknown field
 * is named too. Not an object (or null): every default, one problem.
 */
export function readWidgetProps(input: unknown): { props: WidgetProps; problems: string[] } {
  if (input === undefined || input === null) return { props: {}, problems: [] }
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { props: {}, problems: [`props must be an object, got ${describe(input)}`] }
  }
  const props: Record<string, unknown> = {}
  const problems: string[] = []
  for (const [name, value] of Object.entries(input)) {
    const schema = FIELDS[name as keyof typeof FIELDS]
    if (!schema) {
      problems.push(`props.${name} is not a widget property`)
      continue
    }
    if (value === undefined || value === null) continue
    const result = v.safeParse(schema, value)
    if (result.success) props[name] = result.output
    else problems.push(`props.${name}: ${result.issues[0]?.message ?? 'invalid'}`)
  }
  return { props: props as WidgetProps, problems }
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : typeof value
}
