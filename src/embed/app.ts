// Taro's native-components mode needs an app entry beside app.config.ts and then drops
// it from the build: an embedded widget's app-level setup is runtime.ts, run by the
// first widget that mounts.
export default function EmbedApp() {
  return null
}
