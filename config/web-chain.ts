import type { IH5Config } from '@tarojs/taro/types/compile/config/h5'

import { agentWebpackChain } from './automator-hook'
import nutuiVariants from './postcss-nutui-variants.cjs'

type WebpackChain = NonNullable<IH5Config<'webpack5'>['webpackChain']>

/**
 * Packages Taro's H5 APIs import whose modules have no side effects but do not say so
 * in their package.json, so webpack keeps them whenever the importing API file is in the
 * bundle, used or not. `platform` (a 15 KB user-agent parser) is imported by the file
 * that also holds `getWindowInfo`, yet only `getSystemInfoSync`/`getDeviceInfo` use it.
 */
const SIDE_EFFECT_FREE =
  /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?platform[\\/]/

/**
 * NutUI's Button stylesheet. Taro's H5 PostCSS rule skips node_modules, so the web
 * builds run the variant trim (config/postcss-nutui-variants.cjs, which the mini-program
 * builds get through `mini.postcss`) as a rule of their own.
 */
const NUTUI_BUTTON_CSS =
  /[\\/]@nutui[\\/]nutui-react-taro[\\/].*[\\/]button[\\/]style[\\/]style\.css$/

/** The web builds' webpack changes (not the floor's, which stays at Taro's defaults). */
export function webWebpackChain({ testAgent }: { testAgent: boolean }): WebpackChain {
  return (chain, webpack, ...rest) => {
    chain.module.rule('cardlet-side-effect-free').test(SIDE_EFFECT_FREE).set('sideEffects', false)
    chain.module
      .rule('cardlet-nutui-variants')
      .test(NUTUI_BUTTON_CSS)
      .use('postcss')
      .loader(require.resolve('postcss-loader'))
      .options({ postcssOptions: { plugins: [nutuiVariants()] } })
    if (testAgent) agentWebpackChain(chain, webpack, ...rest)
  }
}
