import './screen.scss'

import { View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { type ReactNode, useEffect } from 'react'

import type { MessageKey } from '@/lib/i18n'
import { setPageTitle } from '@/platform/page-title'
import { ThemeRoot } from '@/ui/theme-root'

import { ScreenContextProvider } from './screen-context'
import { useScreen } from './use-screen'

// Taro's View types know no tabIndex; the H5 element takes it as the attribute.
const SCROLL_REGION = { tabIndex: 0, role: 'region' } as object

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
    <ScreenContextProvider value={screen}>
      <ThemeRoot locale={screen.locale}>
        <View className={className} data-frame={frame.id} data-theme={theme}>
          {frame.shape === 'round' ? (
            // On a round face the safe square scrolls: it must be reachable by keyboard
            // (and named) so its content can be scrolled without touch.
            <View className='cl-screen__safe' {...SCROLL_REGION} aria-label={pageTitle}>
              {children}
            </View>
          ) : (
            <View className='cl-screen__safe'>{children}</View>
          )}
        </View>
      </ThemeRoot>
    </ScreenContextProvider>
  )
}
