import path from 'node:path'

import type { IH5Config } from '@tarojs/taro/types/compile/config/h5'

/** The agent build's stand-in for `@tarojs/taro` (src/testing/agent/taro-api.ts). */
export const TARO_API_HOOK = path.resolve(__dirname, '..', 'src', 'testing', 'agent', 'taro-api.ts')

interface ResolveData {
  request: string
  contextInfo: { issuer?: string }
}

/**
 * Agent builds only (CARDLET_TEST_AGENT=1). On H5, Taro's babel plugin compiles
 * `Taro.login()` into a direct binding to the API function, so nothing at run time can
 * swap it. Every `@tarojs/taro` import is therefore pointed at a module that re-exports
 * Taro unchanged except for the mockable APIs, which look up an automator mock at call
 * time. The production build never runs this (config/index.ts).
 */
type WebpackChain = NonNullable<IH5Config<'webpack5'>['webpackChain']>

export const agentWebpackChain: WebpackChain = (chain, webpack) => {
  chain.plugin('cardlet-automator-taro-hook').use(webpack.NormalModuleReplacementPlugin, [
    /^@tarojs\/taro$/,
    (data: ResolveData) => {
      if (data.contextInfo.issuer !== TARO_API_HOOK) data.request = TARO_API_HOOK
    },
  ])
}
