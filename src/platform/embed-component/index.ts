/**
 * The native-component side of an embedded widget on WeChat and JD (Alipay:
 * embed-component/index.alipay.ts): what Taro's generated component lacks, added as a
 * behavior it merges (`component.behaviors`, read by Taro's native-component loader).
 */

import { type EmbedInstance, refreshMethod } from './base'

export { setComponentRefresh } from './base'

// The platform's global constructor for mixins shared by components.
declare const Behavior: (definition: Record<string, unknown>) => unknown

interface Instance extends EmbedInstance {
  triggerEvent?: (name: string, detail: Record<string, unknown>) => void
}

/**
 * - an observer on `props` that always re-renders: Taro's own re-renders only when the
 *   property had an old value, so a first value that arrives after `attached` (a host
 *   that sets it from data loaded later) would be ignored;
 * - `refresh()`, the method a host page calls on a component it selected (its own
 *   pull-down refresh).
 */
export function embedBehaviors(): unknown[] {
  return [
    Behavior({
      observers: {
        props(this: Instance) {
          this.component?.forceUpdate()
        },
      },
      methods: refreshMethod,
    }),
  ]
}

/** What the host set on the component's `props` attribute. */
export function hostProps(scope: unknown): unknown {
  return (scope as { data?: { props?: unknown } } | undefined)?.data?.props
}

/** An event for the host page's `bind:<name>` handler, with `detail`. */
export function emitToHost(scope: unknown, name: string, detail: Record<string, unknown>): void {
  ;(scope as Instance).triggerEvent?.(name, detail)
}
