// A bank's own mini-program: it has its own sign-in, and shows Cardlet's widgets on its
// pages (docs/embedding.md). The `cardlet/` folder is copied in from
// `dist/embed-weapp/cardlet` (npm run build:embed:weapp).
const { configure } = require('./cardlet/host.js')

const ISSUER = 'http://127.0.0.1:4010'

// The bank's session with the issuer. A real bank asks its own backend; this example
// signs in with the issuer's sandbox directly, once, and hands out the access token.
let signIn
function bankAccessToken() {
  signIn =
    signIn ||
    new Promise((resolve, reject) => {
      wx.login({
        success: ({ code }) =>
          wx.request({
            url: `${ISSUER}/v1/auth/sessions`,
            method: 'POST',
            header: { 'Content-Type': 'application/json' },
            data: { provider: 'wechat', code },
            success: ({ statusCode, data }) =>
              statusCode === 201 || statusCode === 200
                ? resolve(data.access_token)
                : reject(new Error(`bank sign-in: ${statusCode}`)),
            fail: reject,
          }),
        fail: reject,
      })
    })
  return signIn
}

App({
  onLaunch() {
    // `example.session` = 'cardlet' shows Cardlet's own sign-in instead (the tests run both).
    const mode = wx.getStorageSync('example.session') === 'cardlet' ? 'cardlet' : 'host'
    this.bankTokenCalls = 0
    configure({
      issuerBaseUrl: ISSUER,
      session:
        mode === 'host'
          ? {
              mode: 'host',
              getAccessToken: () => {
                this.bankTokenCalls += 1
                return bankAccessToken()
              },
            }
          : { mode: 'cardlet' },
    })
  },
})
