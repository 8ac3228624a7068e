export type { ScreenProps } from './screen'
export { Screen, useScreenContext } from './screen'
export type { ScreenContext, Theme } from './use-screen'
