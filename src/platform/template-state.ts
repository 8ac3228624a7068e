import { configure as configureIcons } from '@nutui/icons-react-taro/dist/es/icons/configure.js'
import { hooks } from '@tarojs/shared'

/**
 * `data-status` on every target (README "Stable selectors"): QA scripts read a widget's
 * state as an element attribute, never from display text.
 *
 * On H5 React writes the attribute into the DOM and nothing here runs. In the
 * mini-program builds two Taro shortcuts drop it, and this puts it back:
 * - Taro's hydrate (the first setData of a subtree) sends no `data-*` prop but `data-sid`;
 *   the `modifyHydrateData` hook adds `data-status` under the template's name for it
 *   (`config/index.ts` adds that binding to the templates with `@tarojs/plugin-inject`).
 * - A `<View>` with nothing but id/class/style/`data-*` renders through the `pure-view`
 *   (or, with only a tap, the `click-view`) template, which binds class and style alone;
 *   such a view is moved to `static-view` / `view`, which bind every attribute.
 * Both hooks are single-listener hooks Taro leaves free on WeChat, Alipay and JD.
 */
const STATUS = 'data-status'
const STATUS_KEY = 'dataStatus'

interface TaroNode {
  nodeName: string
  props: Record<string, unknown>
  _path: string
  isAnyEventBinded(): boolean
  enqueueUpdate(payload: { path: string; value: unknown }): void
}

type ComponentsAlias = Record<string, { _num: string } & Record<string, string>>

/** The view template that binds every attribute, for a view in this state. */
function fullViewTemplate(node: TaroNode): 'catch-view' | 'view' | 'static-view' {
  if (node.props.catchMove || node.props.catchmove) return 'catch-view'
  return node.isAnyEventBinded() ? 'view' : 'static-view'
}

let installed = false

/**
 * Mini-program builds (WeChat, Alipay, JD): run once at app start, before any render.
 * The H5 build has `template-state.h5.ts`, which does nothing.
 */
export function installTemplateState(): void {
  if (installed) return
  installed = true

  // NutUI icons render as `<i>` by default (Button's loading icon, Input's clear icon);
  // the mini-program base templates have no `i` ("Template 'tmpl_0_i' not found" on
  // WeChat), so the icons' own `configure` switches them to Taro's `view`.
  configureIcons({ tag: 'view' })

  hooks.tap('modifyHydrateData', (data: Record<string, unknown>, node: TaroNode) => {
    const status = node.props[STATUS]
    if (status === undefined || status === null) return
    data[STATUS_KEY] = String(status)
    if (data.nn === 'pure-view' || data.nn === 'click-view') data.nn = fullViewTemplate(node)
  })

  hooks.tap(
    'modifySetAttrPayload',
    (node: TaroNode, name: string, _payload: unknown, alias: ComponentsAlias) => {
      if (name !== STATUS || node.nodeName !== 'view') return
      // The view may have rendered as pure-view / click-view before it had a status.
      const template = alias[fullViewTemplate(node)]
      if (template) node.enqueueUpdate({ path: `${node._path}.nn`, value: template._num })
    },
  )
}
