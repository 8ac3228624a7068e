import { defineConfig } from '@tarojs/cli'

// A minimal Taro React mini-program of a bank's, with Cardlet's widgets as native
// components (docs/embedding.md); built by test/miniprogram/embed.test.ts.
export default defineConfig<'webpack5'>({
  projectName: 'taro-host',
  designWidth: 375,
  deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: process.env.TARO_HOST_OUT ?? 'dist',
  framework: 'react',
  compiler: 'webpack5',
  mini: { postcss: { pxtransform: { enable: true, config: {} } } },
})
