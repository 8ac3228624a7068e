// HarmonyOS hybrid: ArkWeb fires the window's `online`/`offline` events like a browser,
// and the hybrid plugin's onNetworkStatusChange is the H5 one (navigator.connection),
// so the H5 implementation is the right one; nothing here needs the bridge.
export { type NetworkListener, watchNetwork } from './index.h5'
