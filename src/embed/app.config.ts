// The embed build (`npm run build:embed:<target>`, tools/build-embed.ts): Taro's
// native-components mode builds each entry below as a custom component of the host's
// pages; no app.js or app.json of Cardlet's is written.
export default {
  components: ['balance/index', 'pay-code/index', 'bill/index'],
}
