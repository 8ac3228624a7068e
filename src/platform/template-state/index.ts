import { configure as configureIcons } from '@nutui/icons-react-taro/dist/es/icons/configure.js'
import { hooks } from '@tarojs/shared'

/**
 * The attributes QA reads (`data-status`, `data-masked`, `data-urgency`, `data-date`,
 * `aria-label`: config/template-attributes.ts, docs/qa.md) on every
 * target: scripts read a widget's state as an element attribute, never from display text.
 *
 * On H5 React writes the attributes into the DOM and nothing here runs. In the
 * mini-program builds `config/index.ts` adds their bindings to the templates with
 * `@tarojs/plugin-inject` (Taro then sends `aria-label` by itself), and two Taro
 * shortcuts drop the `data-*` ones, which this puts back:
 * - Taro's hydrate (the first setData of a subtree) sends no `data-*` prop but `data-sid`;
 *   the `modifyHydrateData` hook adds each one under the template's name for it.
 * - A `<View>` with nothing but id/class/style/`data-*` renders through the `pure-view`
 *   (or, with only a tap, the `click-view`) template, which binds class and style alone;
 *   such a view is moved to `static-view` / `view`, which bind every attribute.
 * Values travel as strings (`false` would otherwise render as an empty attribute).
 * Both hooks are single-listener hooks Taro leaves free on WeChat, Alipay and JD.
 */
// config/template-attributes.ts, through the build's defineConstants.
const DATA_ATTRIBUTES = new Set<string>(CARDLET_TEMPLATE_DATA_ATTRIBUTES)

/** `data-masked` → `dataMasked`, the key Taro's template data uses. */
const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())

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
 * The H5 build has `template-state/index.h5.ts`, which does nothing.
 */
export function installTemplateState(): void {
  if (installed) return
  installed = true

  // NutUI icons render as `<i>` by default (Button's loading icon, Input's clear icon);
  // the mini-program base templates have no `i` ("Template 'tmpl_0_i' not found" on
  // WeChat), so the icons' own `configure` switches them to Taro's `view`.
  configureIcons({ tag: 'view' })

  hooks.tap('modifyHydrateData', (data: Record<string, unknown>, node: TaroNode) => {
    let bound = false
    for (const name of DATA_ATTRIBUTES) {
      const value = node.props[name]
      if (value === undefined || value === null) continue
      data[camel(name)] = String(value)
      bound = true
    }
    if (bound && (data.nn === 'pure-view' || data.nn === 'click-view')) {
      data.nn = fullViewTemplate(node)
    }
  })

  hooks.tap(
    'modifySetAttrPayload',
    (node: TaroNode, name: string, payload: { value: unknown }, alias: ComponentsAlias) => {
      if (!DATA_ATTRIBUTES.has(name)) return
      if (payload.value !== undefined && payload.value !== null) {
        payload.value = String(payload.value)
      }
      if (node.nodeName !== 'view') return
      // The view may have rendered as pure-view / click-view before it had the attribute.
      const template = alias[fullViewTemplate(node)]
      if (template) node.enqueueUpdate({ path: `${node._path}.nn`, value: template._num })
    },
  )
}
