import type { PluginCreator } from 'postcss'

/** Drops the NutUI Button variants Cardlet never renders (see the .cjs file). */
declare const plugin: PluginCreator<Record<string, never>> & {
  UNUSED_BUTTON_VARIANTS: readonly string[]
  namesUnusedVariant(selector: string): boolean
}
export = plugin
