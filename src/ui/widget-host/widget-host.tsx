import { createContext, useContext, useEffect, useRef } from 'react'

/** The events an embedded widget sends its host page (docs/embedding.md). */
export type WidgetEventName =
  'ready' | 'statuschange' | 'cardchange' | 'paymentresult' | 'repaid' | 'authrequired'

/**
 * What a widget knows of where it is drawn: a page of Cardlet's own app (the default,
 * which hears no events) or a bank's page that embeds it as a native component.
 */
export interface WidgetHost {
  /** True inside a host's page: no page title, no page pull-down, no page styles. */
  embedded: boolean
  /** Tells the host page something happened (`bind:<name>` on the component). */
  emit(name: WidgetEventName, detail: Record<string, unknown>): void
  /** The widget's own refresh, which the host calls as `component.refresh()`. */
  setRefresh(refresh: (() => unknown) | undefined): void
  /**
   * The native component instance the widget renders in: a selector query must be
   * scoped to it (`.in(scope)`), since a page's query cannot see inside a component.
   */
  scope?: unknown
}

const APP_PAGE: WidgetHost = {
  embedded: false,
  emit: () => undefined,
  setRefresh: () => undefined,
}

export const WidgetHostContext = createContext<WidgetHost>(APP_PAGE)

/** The host the widget renders for (Cardlet's own page unless embedded). */
export function useWidgetHost(): WidgetHost {
  return useContext(WidgetHostContext)
}

/**
 * A widget's refresh for the host's `refresh()` call: when embedded, the pull-down
 * belongs to the host's page, which calls this from its own handler.
 */
export function useHostRefresh(refresh: () => unknown): void {
  const host = useWidgetHost()
  const latest = useRef(refresh)
  latest.current = refresh
  useEffect(() => {
    host.setRefresh(() => latest.current())
    return () => host.setRefresh(undefined)
  }, [host])
}

/** Sends `name` to the host whenever `key` changes (skipped while `key` is undefined). */
export function useEmitOnChange(
  name: WidgetEventName,
  key: string | undefined,
  detail: () => Record<string, unknown>,
): void {
  const host = useWidgetHost()
  const latest = useRef(detail)
  latest.current = detail
  useEffect(() => {
    if (key !== undefined) host.emit(name, latest.current())
  }, [host, name, key])
}
