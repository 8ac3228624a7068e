// PostCSS plugin: drops, from the stylesheet of Taro's HTML components
// (@tarojs/components-react, which the web builds render with h5.useHtmlComponents), the
// rules of components Cardlet does not render or draws itself:
// - Button: src/ui/button styles every button; Taro's weui rules
//   (`.taro-button-core.taro-btn-*`, two classes) outrank its one-class fills, add 15 px
//   between adjacent buttons, and fetch their loading spinner from a JD image host;
// - Picker, Icon (`weui-icon`), Image and ScrollView: never rendered.
// What stays: View, Text, Input and the pull-down-refresh indicator, 1.5 of the
// stylesheet's 13.2 KB; test/unit/taro-web-components.test.ts holds the line.

const UNUSED = /taro-button-core|taro-btn|taro-picker|weui-icon|weui-loading|taro-img|taro-scroll/
const UNUSED_KEYFRAMES = /^(?:weuiLoading|taro-picker)/

const plugin = () => ({
  postcssPlugin: 'cardlet-taro-web-components',
  Once(root) {
    const file = root.source?.input.file ?? ''
    if (!/[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]index\.css$/.test(file)) return
    root.walkRules((rule) => {
      const kept = rule.selectors.filter((selector) => !UNUSED.test(selector))
      if (kept.length === 0) rule.remove()
      else if (kept.length < rule.selectors.length) rule.selectors = kept
    })
    root.walkAtRules(/keyframes$/, (rule) => {
      if (UNUSED_KEYFRAMES.test(rule.params)) rule.remove()
    })
    root.walkAtRules('media', (rule) => {
      if (!rule.nodes?.length) rule.remove()
    })
  },
})
plugin.postcss = true

module.exports = plugin
