import type { UserConfigExport } from '@tarojs/cli'

// `npm run dev:h5` serves the app with live reload; API calls go to the sandbox
// started by `npm run sandbox` (port 4010 unless SANDBOX_PORT says otherwise).
const issuer = `http://127.0.0.1:${process.env.SANDBOX_PORT ?? '4010'}`

export default {
  mini: {},
  h5: {
    devServer: {
      host: '127.0.0.1',
      proxy: [{ context: ['/v1'], target: issuer, changeOrigin: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
