/** The icons package's own settings entry (tag, class prefix), imported without the icon set. */
declare module '@nutui/icons-react-taro/dist/es/icons/configure.js' {
  export function configure(config: {
    tag?: string
    classPrefix?: string
    useSvg?: boolean
    fontClassName?: string
  }): void
}
