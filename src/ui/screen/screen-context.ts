import { createContext, useContext } from 'react'

import type { ScreenContext } from './use-screen'

const Context = createContext<ScreenContext | null>(null)

/**
 * Shares frame, theme and language with the widgets below: a Screen (Cardlet's own
 * pages) or an embedded widget's root provides it. Kept apart from the Screen, whose
 * page-level styles (a screen-tall root) must not ship with embedded widgets.
 */
export const ScreenContextProvider = Context.Provider

/** Frame, theme, locale and `t` for a component inside a Screen. */
export function useScreenContext(): ScreenContext {
  const value = useContext(Context)
  if (!value) throw new Error('useScreenContext must be used inside <Screen>')
  return value
}
