import './screen.scss'

import { View } from '@tarojs/components'
import { createContext, type ReactNode, useContext } from 'react'

import { type ScreenContext, useScreen } from './use-screen'

const Context = createContext<ScreenContext | null>(null)

export interface ScreenProps {
  children: ReactNode
}

/** The root of every page: applies frame, shape and theme classes and shares them. */
export function Screen({ children }: ScreenProps) {
  const screen = useScreen()
  const { frame, theme } = screen
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
