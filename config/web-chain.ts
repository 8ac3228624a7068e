import type { IH5Config } from '@tarojs/taro/types/compile/config/h5'
import { GenerateSW } from 'workbox-webpack-plugin'

import { agentWebpackChain } from './automator-hook'
import { CssOrderGuard } from './css-order-guard'
import nutuiVariants from './postcss-nutui-variants.cjs'
import taroWebComponents from './postcss-taro-web-components.cjs'

type WebpackChain = NonNullable<IH5Config<'webpack5'>['webpackChain']>

/**
 * Packages Taro's H5 APIs import whose modules have no side effects but do not say so
 * in their package.json, so webpack keeps them whenever the importing API file is in the
 * bundle, used or not. `platform` (a user-agent parser; `npm run bench:bytes -- h5` lists it when kept) is imported by the file
 * that also holds `getWindowInfo`, yet only `getSystemInfoSync`/`getDeviceInfo` use it.
 */
const SIDE_EFFECT_FREE =
  /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?platform[\\/]/

/**
 * Package stylesheets the web builds trim: NutUI's Button and icon stylesheets
 * (config/postcss-nutui-variants.cjs, which the mini-program builds get through
 * `mini.postcss`) and Taro's HTML components' (config/postcss-taro-web-components.cjs).
 * Taro's H5 PostCSS rule skips node_modules, so this is a rule of its own.
 */
const TRIMMED_CSS =
  /[\\/](?:@nutui[\\/](?:nutui-react-taro[\\/].*[\\/]button[\\/]style[\\/]style|icons-react-taro[\\/]dist[\\/]style_icon)|@tarojs[\\/]components-react[\\/]dist[\\/]index)\.css$/

/** What Taro's H5 runtime imports for its Stencil components (config/stencil-globals.css). */
const STENCIL_GLOBAL_CSS = '@tarojs/components/dist/taro-components/taro-components.css$'

/**
 * @tarojs/components-react's pull-down-refresh wrapper, which Taro's router puts around
 * pages that enable it; replaced by config/web/pull-down-refresh.js (why: there).
 */
const TARO_PULL_DOWN_REFRESH =
  /[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]components[\\/]pull-down-refresh[\\/]index\.js$/

/** @tarojs/components-react's View, replaced by config/web/view.js (why: there). */
const TARO_VIEW =
  /[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]components[\\/]view[\\/]index\.js$/

/** @tarojs/components-react's Button, replaced by config/web/button.js (why: there). */
const TARO_BUTTON =
  /[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]components[\\/]button[\\/]index\.js$/

/** The web builds' webpack changes (not the floor's, which stays at Taro's defaults). */
export function webWebpackChain({ testAgent }: { testAgent: boolean }): WebpackChain {
  return (chain, webpack, ...rest) => {
    chain.module.rule('cardlet-side-effect-free').test(SIDE_EFFECT_FREE).set('sideEffects', false)
    chain.plugin('cardlet-css-order').use(CssOrderGuard)
    chain.resolve.alias.set(STENCIL_GLOBAL_CSS, require.resolve('./stencil-globals.css'))
    chain
      .plugin('cardlet-pull-down-refresh')
      .use(webpack.NormalModuleReplacementPlugin, [
        TARO_PULL_DOWN_REFRESH,
        require.resolve('./web/pull-down-refresh.js'),
      ])
    chain
      .plugin('cardlet-view')
      .use(webpack.NormalModuleReplacementPlugin, [TARO_VIEW, require.resolve('./web/view.js')])
    chain
      .plugin('cardlet-button')
      .use(webpack.NormalModuleReplacementPlugin, [TARO_BUTTON, require.resolve('./web/button.js')])
    chain.module
      .rule('cardlet-css-trim')
      .test(TRIMMED_CSS)
      .use('postcss')
      .loader(require.resolve('postcss-loader'))
      .options({ postcssOptions: { plugins: [nutuiVariants(), taroWebComponents()] } })
    if (testAgent) agentWebpackChain(chain, webpack, ...rest)
    // The H5 build opens with no network: a service worker (Workbox) precaches the app
    // shell it was built with. Issuer answers are never cached (no runtime caching: a
    // request that is not part of the shell goes to the network as if there were no
    // worker), and a new build's worker waits until every tab of the old one is closed,
    // so an update takes effect on the next start. Not on harmony-hybrid (its files are
    // local) nor in the test-agent build.
    if (process.env.TARO_ENV === 'h5' && !testAgent && process.env.NODE_ENV !== 'development') {
      chain.plugin('cardlet-service-worker').use(GenerateSW, [
        {
          swDest: 'sw.js',
          include: [/\.(?:js|css|html)$/],
          navigateFallback: 'index.html',
          navigateFallbackDenylist: [/^\/v1\//, /^\/docs/],
          skipWaiting: false,
          clientsClaim: false,
          cleanupOutdatedCaches: true,
          inlineWorkboxRuntime: true,
          sourcemap: false,
          mode: 'production',
        },
      ])
    }
  }
}
