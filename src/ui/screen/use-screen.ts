import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'

import { detectFrame, type Frame } from '@/lib/frame'
import { type Locale, type MessageKey, resolveLocale, translate } from '@/lib/i18n'
import { systemLanguage, systemTheme, watchSystemTheme } from '@/platform/system'

export type Theme = 'light' | 'dark'

/** What every widget needs to know about where it is drawn. */
export interface ScreenContext {
  frame: Frame
  theme: Theme
  locale: Locale
  t: (key: MessageKey, params?: Record<string, string | number>) => string
}

/**
 * The window's size from Taro, else from the page (harmony-hybrid outside a container:
 * the plugin asks native code, which does not answer), else a phone.
 */
export function windowSize(): { width: number; height: number } {
  try {
    const info = Taro.getWindowInfo()
    if (info && info.windowWidth > 0 && info.windowHeight > 0) {
      return { width: info.windowWidth, height: info.windowHeight }
    }
  } catch {
    // Below.
  }
  if (typeof window !== 'undefined' && window.innerWidth > 0 && window.innerHeight > 0) {
    return { width: window.innerWidth, height: window.innerHeight }
  }
  return { width: 375, height: 812 }
}

/** The context a widget reads, for a frame, theme and language already chosen. */
export function screenContext(frame: Frame, theme: Theme, locale: Locale): ScreenContext {
  return { frame, theme, locale, t: (key, p) => translate(locale, key, p) }
}

/**
 * Compact frames (watches, service widgets) are dark unless told otherwise; a phone
 * follows the system's light/dark setting (light where the system does not say).
 */
export function defaultTheme(frame: Frame, system?: Theme): Theme {
  return frame.compact ? 'dark' : (system ?? 'light')
}

/** The system's light/dark setting, kept current while the component is mounted. */
export function useSystemTheme(): Theme | undefined {
  const [theme, setTheme] = useState(systemTheme)
  useEffect(() => {
    setTheme(systemTheme())
    return watchSystemTheme(setTheme)
  }, [])
  return theme
}

/**
 * Frame, theme and language for the current page. URL parameters (`frame`, `theme`,
 * `lang`) pin them, which the preview gallery and QA scripts use; otherwise the
 * window size picks the frame, compact frames are dark, phones follow the system's
 * light/dark setting, and the system picks the language.
 */
export function useScreen(): ScreenContext {
  const { params } = useRouter()
  const { frame: frameParam, theme: themeParam, lang } = params
  const system = useSystemTheme()
  return useMemo(() => {
    const { width, height } = windowSize()
    const frame = detectFrame(width, height, frameParam)
    const theme: Theme =
      themeParam === 'light' || themeParam === 'dark' ? themeParam : defaultTheme(frame, system)
    return screenContext(frame, theme, resolveLocale(lang ?? systemLanguage()))
  }, [frameParam, themeParam, lang, system])
}
