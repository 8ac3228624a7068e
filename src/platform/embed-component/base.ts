/**
 * What every platform's embed-component file shares: the fields of the component
 * instance they read (Taro sets `component`; the widget's root sets the refresh).
 */
export interface EmbedInstance {
  component?: { forceUpdate(): void }
  __cardletRefresh?: () => unknown
}

/** Makes `refresh` what the host's `component.refresh()` runs. */
export function setComponentRefresh(scope: unknown, refresh: (() => unknown) | undefined): void {
  ;(scope as EmbedInstance).__cardletRefresh = refresh
}

/** The `refresh()` method a host page calls on a component it selected. */
export const refreshMethod = {
  refresh(this: EmbedInstance) {
    return this.__cardletRefresh?.()
  },
}
