// PostCSS plugin: drops the NutUI Button variants Cardlet never renders from NutUI's
// stylesheet (about half of each mini-program package's CSS: `npm run bench:sizes`): Button ships
// rules for six types × four fills × five sizes × two shapes, and we use two types,
// three fills, two sizes and one shape (test/unit/nutui-variants.test.ts checks src
// against this list). A deny-list rather than PurgeCSS: NutUI composes these class
// names at run time from props (`nut-button-${type}-${fill}`), so PurgeCSS would need a
// hand-kept list of every kept class anyway, and a variant not named here is kept.
// The same for the icon animations of NutUI's icon stylesheet, which Button brings; and
// that stylesheet's `:root` / `page` variables move to Cardlet's root.

/** Button props we never pass, as NutUI spells them in its class names. */
const UNUSED_BUTTON_VARIANTS = [
  // type
  'info',
  'success',
  'warning',
  'danger',
  // size
  'xlarge',
  'large',
  'mini',
  // fill
  'dashed',
  // shape
  'square',
]

/**
 * The icon animations NutUI's icon stylesheet ships (`nut-icon-am-*` and their
 * keyframes, node_modules/@nutui/icons-react-taro/dist/style_icon.css); the one icon Cardlet shows, Button's loading spinner, turns by its
 * own `rotation`, so only `rotate` (and the `infinite` modifier) stay.
 */
const UNUSED_ICON_ANIMATIONS = ['jump', 'blink', 'breathe', 'flash', 'bounce', 'shake']
const UNUSED_ICON_KEYFRAMES = /^nut(?:Jump|JumpOne|Blink|Breathe|Flash|Bounce|Shake)$/
const ICON_ANIMATION_CLASS = /\.nut-icon-am-([a-z]+)/g

const BUTTON_CLASS = /\.nut-button-([a-z-]+)/g

/**
 * The icon stylesheet sets its size variables on `:root` and on `page` (a mini-program
 * page): in a host's page that embeds Cardlet, a rule on the host's own page. They are
 * moved to Cardlet's root (src/ui/theme-root), the only place Cardlet draws an icon.
 */
const ICON_VARIABLE_HOSTS = new Set([':root', 'page'])
const THEME_ROOT = '.cl-theme-root'

function scopeIconVariables(root) {
  const seen = new Set()
  root.walkRules((rule) => {
    if (!rule.selectors.some((selector) => ICON_VARIABLE_HOSTS.has(selector))) return
    rule.selectors = [
      ...new Set(rule.selectors.map((s) => (ICON_VARIABLE_HOSTS.has(s) ? THEME_ROOT : s))),
    ]
    const key = `${rule.selector}{${rule.nodes.map(String).join(';')}}`
    if (seen.has(key)) rule.remove()
    else seen.add(key)
  })
}

/** True when the selector names a Button class made from an unused variant. */
function namesUnusedVariant(selector) {
  for (const [, suffix] of selector.matchAll(BUTTON_CLASS)) {
    if (suffix.split('-').some((part) => UNUSED_BUTTON_VARIANTS.includes(part))) return true
  }
  return false
}

/** True when the selector names an icon animation nothing in Cardlet asks for. */
function namesUnusedAnimation(selector) {
  for (const [, name] of selector.matchAll(ICON_ANIMATION_CLASS)) {
    if (UNUSED_ICON_ANIMATIONS.includes(name)) return true
  }
  return false
}

function dropSelectors(root, unused) {
  root.walkRules((rule) => {
    const kept = rule.selectors.filter((selector) => !unused(selector))
    if (kept.length === 0) rule.remove()
    else if (kept.length < rule.selectors.length) rule.selectors = kept
  })
}

const plugin = () => ({
  postcssPlugin: 'cardlet-nutui-variants',
  Once(root) {
    const file = root.source?.input.file ?? ''
    if (/[\\/]@nutui[\\/]nutui-react-taro[\\/].*[\\/]button[\\/]/.test(file)) {
      dropSelectors(root, namesUnusedVariant)
    } else if (/[\\/]@nutui[\\/]icons-react-taro[\\/]dist[\\/]style_icon\.css$/.test(file)) {
      dropSelectors(root, namesUnusedAnimation)
      scopeIconVariables(root)
      root.walkAtRules(/keyframes$/, (rule) => {
        if (UNUSED_ICON_KEYFRAMES.test(rule.params)) rule.remove()
      })
    }
  },
})
plugin.postcss = true

module.exports = plugin
module.exports.UNUSED_BUTTON_VARIANTS = UNUSED_BUTTON_VARIANTS
module.exports.namesUnusedVariant = namesUnusedVariant
module.exports.UNUSED_ICON_ANIMATIONS = UNUSED_ICON_ANIMATIONS
