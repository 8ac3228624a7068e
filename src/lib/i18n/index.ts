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

/**
 * A count's plural forms, in the ICU MessageFormat spelling the tables use:
 * `{days, plural, one {# day left} other {# days left}}`, `#` standing for the count.
 * Only this one construct, so no MessageFormat library in every package (see
 * `translate`).
 */
const PLURAL = /\{(\w+), plural, ((?:=?\w+ \{[^{}]*\}\s*)+)\}/g
const PLURAL_FORM = /(=?\w+) \{([^{}]*)\}/g

const pluralRules = new Map<Locale, Intl.PluralRules | null>()

/** The count's CLDR plural category; "one" for 1 where the engine lacks Intl.PluralRules. */
function pluralCategory(locale: Locale, count: number): string {
  if (!pluralRules.has(locale)) {
    let rules: Intl.PluralRules | null = null
    try {
      rules = new Intl.PluralRules(locale)
    } catch {
      // Some mini-program engines ship Intl without plural rules.
    }
    pluralRules.set(locale, rules)
  }
  return pluralRules.get(locale)?.select(count) ?? (count === 1 ? 'one' : 'other')
}

function pluralForm(locale: Locale, count: number, forms: string): string {
  const byName = new Map([...forms.matchAll(PLURAL_FORM)].map(([, name, text]) => [name, text]))
  const text =
    byName.get(`=${count}`) ?? byName.get(pluralCategory(locale, count)) ?? byName.get('other')
  return (text ?? '').replace(/#/g, String(count))
}

/**
 * Looks a message up and fills its `{name}` placeholders and its plural forms
 * (`{name, plural, one {…} other {…}}`, chosen by Intl.PluralRules for the locale).
 */
export function translate(
  locale: Locale,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const template = tables[locale][key]
  if (!params) return template
  return template
    .replace(PLURAL, (whole, name: string, forms: string) =>
      typeof params[name] === 'number' ? pluralForm(locale, params[name], forms) : whole,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
