export type { ThemeRootProps } from './theme-root'
export { ThemeRoot } from './theme-root'
