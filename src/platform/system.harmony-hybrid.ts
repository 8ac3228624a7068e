// HarmonyOS hybrid: an ArkWeb page, whose navigator and window report the device's
// language and pixel ratio as a browser does; no need to ask native code.
export { pixelRatio, systemLanguage } from './system.h5'
