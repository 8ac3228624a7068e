// A bank's mini-program that opens Cardlet's full pages, declared as an independent
// subpackage rooted at `cardlet` (docs/embedding.md "Route two"). The `cardlet/` folder is
// copied in from `dist/embed-weapp/cardlet` (npm run build:embed:weapp).
const { configure } = require('./cardlet/host.js')

App({
  onLaunch() {
    // Cardlet's own sign-in (the platform login code, exchanged by the issuer).
    configure({ issuerBaseUrl: 'http://127.0.0.1:4010' })
  },
})
