import './screen.scss'

import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { createContext, type ReactNode, useContext, useEffect } from 'react'

import type { MessageKey } from '@/lib/i18n'
import { setPageTitle } from '@/platform/page-title'

import { type ScreenContext, useScreen } from './use-screen'

const Context = createContext<ScreenContext | null>(null)

export interface ScreenProps {
  /** The page's title, from the i18n table (navigation bar, H5 document title). */
  title: MessageKey
  children: ReactNode
}

/**
 * The root of every page: applies frame, shape and theme classes and shares them, and
 * titles the page in the cardholder's language whenever it shows.
 */
export function Screen({ title, children }: ScreenProps) {
  const screen = useScreen()
  const { frame, theme, t } = screen
  const pageTitle = t(title)
  useDidShow(() => setPageTitle(pageTitle))
  useEffect(() => setPageTitle(pageTitle), [pageTitle])
  const className = [
    'cl-screen',
    `cl-screen--${frame.id}`,
    `cl-screen--${frame.shape}`,
    frame.compact ? 'cl-screen--compact' : 'cl-screen--full',
    `cl-theme-${theme}`,
  ].join(' ')
  return (
    <Context.Provider value={screen}>
      <View className={className} data-frame={frame.id} data-theme={theme}>
        <View className='cl-screen__safe'>{children}</View>
      </View>
    </Context.Provider>
  )
}

/** Frame, theme, locale and `t` for a component inside a Screen. */
export function useScreenContext(): ScreenContext {
  const value = useContext(Context)
  if (!value) throw new Error('useScreenContext must be used inside <Screen>')
  return value
}
