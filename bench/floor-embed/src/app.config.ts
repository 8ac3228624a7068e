// The embed floor: Taro's native-components mode builds each entry below as a custom
// component; no app.js or app.json is written.
export default { components: ['hello/index'] }
