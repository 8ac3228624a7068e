// The screen context widgets read. The Screen itself (a page's root, with page-level
// styles) is imported from './screen' by pages only, so embedded widgets never ship it.
export { ScreenContextProvider, useScreenContext } from './screen-context'
export {
  defaultTheme,
  type ScreenContext,
  screenContext,
  type Theme,
  useSystemTheme,
  windowSize,
} from './use-screen'
