import type { PluginCreator } from 'postcss'

/** Drops the NutUI Button variants and icon animations Cardlet never renders (see the .cjs file). */
declare const plugin: PluginCreator<Record<string, never>> & {
  UNUSED_BUTTON_VARIANTS: readonly string[]
  namesUnusedVariant(selector: string): boolean
  UNUSED_ICON_ANIMATIONS: readonly string[]
}
export = plugin
