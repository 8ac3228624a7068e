/**
 * Alipay's side of an embedded widget (WeChat and JD: embed-component.ts). Alipay's
 * component2 model has no `triggerEvent` for hosts: a host listens with `onStatuschange`
 * and so on, which reach the component as function props; mixins replace behaviors.
 * Not run by the tests (no Alipay renderer runs here): the build and Taro's node tree are.
 */

// Alipay's global constructor for mixins shared by components.
declare const Mixin: (definition: Record<string, unknown>) => unknown

interface Instance {
  component?: { forceUpdate(): void }
  __cardletRefresh?: () => unknown
  props?: Record<string, unknown>
}

export function embedBehaviors(): unknown[] {
  return [
    Mixin({
      didUpdate(this: Instance, previous: Record<string, unknown>) {
        if (previous.props !== this.props?.props) this.component?.forceUpdate()
      },
      methods: {
        refresh(this: Instance) {
          return this.__cardletRefresh?.()
        },
      },
    }),
  ]
}

export function setComponentRefresh(scope: unknown, refresh: (() => unknown) | undefined): void {
  ;(scope as Instance).__cardletRefresh = refresh
}

/** `statuschange` → the host's `onStatuschange` prop, called with `{ detail }`. */
export function emitToHost(scope: unknown, name: string, detail: Record<string, unknown>): void {
  const handler = (scope as Instance).props?.[`on${name[0]!.toUpperCase()}${name.slice(1)}`]
  if (typeof handler === 'function') handler({ type: name, detail })
}
