import fs from 'node:fs'
import path from 'node:path'

import { defineConfig, type UserConfigExport } from '@tarojs/cli'

import { brandConstant, brandFile, brandSassData, loadBrand } from './brand'
import { CssOrderGuard } from './css-order-guard'
import devConfig from './dev'
import prodConfig from './prod'
import { injectedTemplateAttributes, TEMPLATE_DATA_ATTRIBUTES } from './template-attributes'
import { webWebpackChain } from './web-chain'

const root = path.resolve(__dirname, '..')

/** Every `src/pages/<page>/index.config.ts`. */
function pageConfigFiles(sourceRoot: string): string[] {
  return fs
    .readdirSync(path.join(sourceRoot, 'pages'))
    .map((page) => path.join(sourceRoot, 'pages', page, 'index.config.ts'))
    .filter((file) => fs.existsSync(file))
}

/** The attributes QA reads, bound in the mini-program templates (config/template-attributes.ts). */
const templateStateComponents = injectedTemplateAttributes()

/** The part of Taro's webpack-chain the mini-program builds change. */
interface MiniChain {
  merge(config: object): unknown
  plugin(name: string): { use(plugin: unknown): unknown }
}

/**
 * Build-time settings an integrator may change (documented in docs/integrating.md):
 * - TARO_APP_ISSUER_BASE_URL: the issuer API origin. Empty on H5 means "same origin"
 *   (the `npm start` server serves the app and the sandbox issuer together).
 * - CARDLET_OUT: output folder, so two builds of one target never share a folder.
 * - CARDLET_TEST_AGENT=1: include the in-page automator agent (test builds only).
 * - CARDLET_BRAND: the brand file (default `brand.json`; config/brand.ts).
 * - CARDLET_SOURCEMAP=1: write source maps (for `npm run bench:bytes`, never shipped).
 * - CARDLET_EMBED=1: the widgets as native components for a host's mini-program
 *   (`npm run build:embed:<target>`, tools/build-embed.ts; docs/embedding.md).
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const target = process.env.TARO_ENV ?? 'h5'
  const outputRoot = process.env.CARDLET_OUT ?? `dist/${target}`
  const testAgent = process.env.CARDLET_TEST_AGENT === '1'
  const isWeb = target === 'h5' || target === 'harmony-hybrid'
  // CARDLET_FLOOR=1 builds the benchmark's floor (a bare Taro + React page) instead;
  // CARDLET_FLOOR_EMBED=1 its embed floor (a bare Taro + React native component, for
  // `taro build native-components`). Both keep Taro's defaults.
  const floorEmbed = process.env.CARDLET_FLOOR_EMBED === '1'
  const floor = process.env.CARDLET_FLOOR === '1' || floorEmbed
  const embed = process.env.CARDLET_EMBED === '1'
  // Drops the NutUI Button variants src never renders (config/postcss-nutui-variants.cjs).
  // Taro resolves a key that is not a package name as a path from the project root.
  const nutuiVariants = floor
    ? {}
    : { './config/postcss-nutui-variants.cjs': { enable: true, config: {} } }
  const brand = loadBrand()
  const sourceMaps = {
    enableSourceMap: process.env.CARDLET_SOURCEMAP === '1',
    sourceMapType: 'source-map' as const,
  }

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'cardlet',
    date: '2026-11-22',
    // Everything is drawn in CSS px, and every target keeps px as written (pxtransform
    // off below): text >= 16 px and targets >= 48 px must hold at every width, on a
    // watch and on a 320 px phone alike, and half-pixel values must survive. Converted
    // to rpx on this 375 design width they would shrink with the screen (48 px → 41 px
    // at 320) and round 0.5 px to 0 or 1.
    designWidth: 375,
    deviceRatio: {
      375: 2,
      640: 2.34 / 2,
      750: 1,
      828: 1.81 / 2,
    },
    sourceRoot: floorEmbed
      ? 'bench/floor-embed/src'
      : floor
        ? 'bench/floor/src'
        : embed
          ? 'src/embed'
          : 'src',
    outputRoot,
    plugins: [
      '@tarojs/plugin-platform-harmony-hybrid',
      '@tarojs/plugin-platform-jd',
      // The state QA scripts read (`data-status`, docs/qa.md) must exist in
      // the mini-program templates: Taro's base templates bind no `data-*` but `data-sid`.
      // This adds the attribute to every component that carries one; the runtime half
      // (putting the value into setData) is `src/platform/template-state/`.
      ['@tarojs/plugin-inject', { components: templateStateComponents }],
    ],
    defineConstants: {
      CARDLET_TEST_AGENT: JSON.stringify(testAgent),
      CARDLET_TEMPLATE_DATA_ATTRIBUTES: JSON.stringify(TEMPLATE_DATA_ATTRIBUTES),
      CARDLET_BRAND: JSON.stringify(brandConstant(brand)),
    },
    // The brand's colours as Sass variables, for src/app.scss to hand to the theme tokens.
    sass: { data: brandSassData(brand) },
    env: {
      // Web targets call the origin that served them; mini-programs need an absolute URL.
      // Embedded widgets get theirs from the host's configure() at run time.
      TARO_APP_ISSUER_BASE_URL: JSON.stringify(
        process.env.TARO_APP_ISSUER_BASE_URL ?? (isWeb || embed ? '' : 'http://127.0.0.1:4010'),
      ),
      TARO_APP_SANDBOX_PERSONA: JSON.stringify(process.env.TARO_APP_SANDBOX_PERSONA ?? 'good'),
      // Subscribe-message templates for due-date reminders; unset, the phone calendar is used.
      TARO_APP_WECHAT_REMINDER_TEMPLATE_ID: JSON.stringify(
        process.env.TARO_APP_WECHAT_REMINDER_TEMPLATE_ID ?? '',
      ),
      TARO_APP_ALIPAY_REMINDER_TEMPLATE_ID: JSON.stringify(
        process.env.TARO_APP_ALIPAY_REMINDER_TEMPLATE_ID ?? '',
      ),
    },
    alias: {
      '@': path.resolve(root, 'src'),
      '@contract': path.resolve(root, 'contract'),
    },
    copy: { patterns: [], options: {} },
    // Taro's mini-program terser writes every non-ASCII character as a \uXXXX escape
    // (6 bytes; UTF-8 takes 3 for a CJK character): the zh-CN strings cost twice what
    // they weigh. Every target reads its script files as UTF-8. The floor keeps Taro's
    // defaults.
    ...(floor ? {} : { terser: { enable: true, config: { output: { ascii_only: false } } } }),
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: true,
      // One cache per output folder: parallel builds into different folders never share one.
      name: `${outputRoot.replace(/[^\w]+/g, '-')}-${process.env.NODE_ENV ?? 'production'}${sourceMaps.enableSourceMap ? '-maps' : ''}`,
      // Files the build reads outside webpack's module graph, so a change to one would
      // otherwise be served from the cache: the brand file (its colours are Sass options),
      // the page configs (Taro inlines them into the H5 router; `src/app.config` is
      // Taro's own entry already) and the Babel config (babel-loader's transforms).
      buildDependencies: {
        readOutside: [
          brandFile(),
          ...pageConfigFiles(path.join(root, 'src')),
          path.join(root, 'babel.config.js'),
        ],
      },
    },
    mini: {
      ...sourceMaps,
      // The issuer contract sits beside src (the sandbox shares it): compiled like src. The
      // embedded components' source root is src/embed; the widgets they wrap are in src.
      compile: {
        include: [...(embed ? [path.join(root, 'src')] : []), path.join(root, 'contract')],
      },
      // Taro's `innerHTML` support, on by default and never used by src: an HTML parser in
      // every package (9.8 KiB: `npm run bench:bytes -- weapp`); React writes nodes, and
      // nothing sets `dangerouslySetInnerHTML`. The floor keeps Taro's defaults.
      ...(floor ? {} : { runtime: { enableInnerHTML: false } }),
      webpackChain(chain: MiniChain) {
        // A CSS order conflict fails the build (the floor keeps Taro's defaults).
        if (!floor) chain.plugin('cardlet-css-order').use(CssOrderGuard)
        // A host built with Taro keeps its chunks in the same global (`webpackJsonp` on
        // `wx`): the embedded widgets' chunks must not land in the host's.
        if (embed) chain.merge({ output: { chunkLoadingGlobal: 'cardletJsonp' } })
      },
      // Every page meets the shared stylesheets in one order (src/ui/stylesheets), so the
      // extractor's order check stays on, and a conflict fails the build
      // (config/css-order-guard.ts): never a rule that wins on one page and loses on another.
      miniCssExtractPluginOption: { ignoreOrder: false },
      postcss: {
        pxtransform: { enable: false, config: {} },
        cssModules: { enable: false },
        ...nutuiVariants,
      },
    },
    h5: {
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's React components rather than its Stencil web components: no Stencil
      // runtime on any page (the figure: docs/decisions.md). The floor keeps Taro's default.
      useHtmlComponents: !floor,
      compile: { include: [path.join(root, 'contract')] },
      htmlPluginOption: { title: brand.displayName },
      // Drops side-effect-free packages nothing uses (config/web-chain.ts); test builds
      // also route `@tarojs/taro` through the automator's mock hook. The floor: defaults.
      webpackChain: floor ? undefined : webWebpackChain({ testAgent }),
      ...sourceMaps,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: false,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        pxtransform: { enable: false, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
