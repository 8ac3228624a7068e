/** H5: the browser's language and pixel ratio (see system/index.ts for why not Taro's). */

export function systemLanguage(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.language || undefined
}

export function pixelRatio(): number {
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio
  return Number.isFinite(ratio) && ratio > 0 ? ratio : 1
}

export type SystemTheme = 'light' | 'dark'

const DARK = '(prefers-color-scheme: dark)'

/** The browser's light/dark setting (`prefers-color-scheme`), or undefined. */
export function systemTheme(): SystemTheme | undefined {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return undefined
  return window.matchMedia(DARK).matches ? 'dark' : 'light'
}

/** Calls `listener` when the setting changes; returns the unsubscribe. */
export function watchSystemTheme(listener: (theme: SystemTheme) => void): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') {
    return () => undefined
  }
  const query = window.matchMedia(DARK)
  const onChange = (event: MediaQueryListEvent) => listener(event.matches ? 'dark' : 'light')
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}
