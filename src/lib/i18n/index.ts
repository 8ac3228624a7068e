import { enUS } from './en-US'
import { type MessageKey, zhCN } from './zh-CN'

export type { MessageKey }
/** A language the app ships a table for; zh-CN is the default. */
export type Locale = 'zh-CN' | 'en-US'

const tables: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS }

/** Picks a supported locale from a system or URL language tag ("en", "en_GB", "zh-Hans-CN"). */
export function resolveLocale(tag: string | undefined): Locale {
  if (tag && /^en\b/i.test(tag.replace('_', '-'))) return 'en-US'
  return 'zh-CN'
}

/** Looks a message up and fills its `{name}` placeholders. */
export function translate(
  locale: Locale,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const template = tables[locale][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}
