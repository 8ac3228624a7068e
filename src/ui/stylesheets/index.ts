// Every stylesheet more than one page shares, once, in the order the cascade reads them:
// NutUI's base styles, then Cardlet's theme over them, then the ui kit. Each page and
// each embedded widget imports this module first, so every bundle meets these sheets in
// this one order and the CSS extractor never has to pick one (its "Conflicting order"
// warnings, and rules that won on one page and lost on another, are gone). A feature's
// own stylesheet stays with the feature and comes after all of these; so does the page
// screen's (embedded widgets have no page: a host's page keeps its own height and font).
import '@nutui/icons-react-taro/dist/style_icon.css'
import '@nutui/nutui-react-taro/dist/es/packages/configprovider/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css'
import '../theme-root/nutui.scss'
import '../widget-card/widget-card.scss'
import '../card-header/card-header.scss'
import '../card-switcher/card-switcher.scss'
import '../stale-badge/stale-badge.scss'
import '../error-banner/error-banner.scss'
import '../dialog/dialog.scss'
import '../card-lock/card-lock.scss'
import '../pin-pad/pin-pad.scss'
