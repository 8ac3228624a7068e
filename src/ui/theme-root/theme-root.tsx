import './nutui.scss'
import '@/platform/web-controls'

import { ConfigProvider } from '@nutui/nutui-react-taro'
import enUS from '@nutui/nutui-react-taro/dist/es/locales/en-US'
import zhCN from '@nutui/nutui-react-taro/dist/es/locales/zh-CN'
import type { ReactNode } from 'react'

import type { Locale } from '@/lib/i18n'

const NUTUI_LOCALES = { 'zh-CN': zhCN, 'en-US': enUS } as const

export interface ThemeRootProps {
  /** NutUI's own texts (an input's clear label, a dialog's buttons) follow the app's. */
  locale: Locale
  children: ReactNode
}

/**
 * NutUI's ConfigProvider at the root of every page (Screen) and of every embedded widget.
 * The brand's colours and the dark watch theme reach NutUI as its theme variables, set
 * in src/theme/tokens.scss on the `cl-theme-*` class of the root below this one, rather
 * than through `theme`: that prop writes every variable into an inline style, a long
 * string in each page's first `setData`, where a class costs nothing per render.
 */
export function ThemeRoot({ locale, children }: ThemeRootProps) {
  return (
    <ConfigProvider className='cl-theme-root' locale={NUTUI_LOCALES[locale]}>
      {children}
    </ConfigProvider>
  )
}
