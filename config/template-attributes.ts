/**
 * The attributes QA scripts read on every target (docs/qa.md), and the
 * Taro components whose mini-program templates bind them. H5 renders every attribute;
 * the mini-program base templates bind only what a component declares, so
 * `config/index.ts` adds these with `@tarojs/plugin-inject` and
 * `src/platform/template-state/` puts the `data-*` ones back where Taro's hydrate
 * drops them.
 * Keep the list small: each one is an attribute in every template of its components.
 */
export const TEMPLATE_ATTRIBUTES: Record<string, string[]> = {
  'data-status': ['View', 'Text', 'Button', 'Canvas'],
  'data-masked': ['Text'],
  'data-urgency': ['Text'],
  'data-date': ['Text'],
  'aria-label': ['View', 'Text', 'Button', 'Canvas'],
}

/** The `data-*` attributes of the list (Taro's hydrate leaves every `data-*` prop out). */
export const TEMPLATE_DATA_ATTRIBUTES = Object.keys(TEMPLATE_ATTRIBUTES).filter((name) =>
  name.startsWith('data-'),
)

/** `@tarojs/plugin-inject`'s `components` option: each attribute with an empty default. */
export function injectedTemplateAttributes(): Record<string, Record<string, string>> {
  const components: Record<string, Record<string, string>> = {}
  for (const [name, owners] of Object.entries(TEMPLATE_ATTRIBUTES)) {
    for (const owner of owners) (components[owner] ??= {})[name] = "''"
  }
  return components
}
