// HarmonyOS hybrid: an ArkWeb page, whose navigator and window report the device's
// language, pixel ratio and light/dark setting as a browser does; no need to ask native
// code.
export {
  pixelRatio,
  systemLanguage,
  type SystemTheme,
  systemTheme,
  watchSystemTheme,
} from './index.h5'
