import type { PluginCreator } from 'postcss'

/** Drops the rules of Taro's HTML components Cardlet never renders (see the .cjs file). */
declare const plugin: PluginCreator<Record<string, never>>
export = plugin
