/**
 * Alipay's side of an embedded widget (WeChat and JD: embed-component/index.ts). Alipay's
 * component2 model has no `triggerEvent` for hosts: a host listens with `onStatuschange`
 * and so on, which reach the component as function props; mixins replace behaviors.
 * Not run by the tests (no Alipay renderer runs here): the build and Taro's node tree are.
 */

import { type EmbedInstance, refreshMethod } from './base'

export { setComponentRefresh } from './base'

// Alipay's global constructor for mixins shared by components.
declare const Mixin: (definition: Record<string, unknown>) => unknown

interface Instance extends EmbedInstance {
  props?: Record<string, unknown>
}

export function embedBehaviors(): unknown[] {
  return [
    Mixin({
      didUpdate(this: Instance, previous: Record<string, unknown>) {
        if (previous.props !== this.props?.props) this.component?.forceUpdate()
      },
      methods: refreshMethod,
    }),
  ]
}

/**
 * What the host set as the component's `props` attribute: on Alipay a prop of the
 * component (Taro's own root reads `data.props`, which Alipay never fills).
 */
export function hostProps(scope: unknown): unknown {
  return (scope as Instance | undefined)?.props?.props
}

/** `statuschange` → the host's `onStatuschange` prop, called with `{ detail }`. */
export function emitToHost(scope: unknown, name: string, detail: Record<string, unknown>): void {
  const handler = (scope as Instance).props?.[`on${name[0]!.toUpperCase()}${name.slice(1)}`]
  if (typeof handler === 'function') handler({ type: name, detail })
}
