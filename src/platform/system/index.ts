import Taro from '@tarojs/taro'

/**
 * The mini-programs (WeChat, Alipay, JD): what the host app reports. The web builds read
 * the browser instead (system/index.h5.ts): Taro's H5 `getSystemInfoSync` parses the user
 * agent with the `platform` package, on every page, for two fields.
 */

/** The host app's language tag ("zh_CN", "en"), or undefined if it will not say. */
export function systemLanguage(): string | undefined {
  try {
    return Taro.getSystemInfoSync().language
  } catch {
    return undefined
  }
}

/** Device pixels per CSS pixel, for a crisp canvas backing store (1 if unknown). */
export function pixelRatio(): number {
  try {
    const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : undefined
    const ratio = info?.pixelRatio ?? Taro.getSystemInfoSync().pixelRatio
    return Number.isFinite(ratio) && ratio > 0 ? ratio : 1
  } catch {
    return 1
  }
}

export type SystemTheme = 'light' | 'dark'

/**
 * The host app's light/dark setting (WeChat and JD report it when the app config sets
 * `darkmode`), and a listener for its changes; undefined where it will not say.
 */
export function systemTheme(): SystemTheme | undefined {
  try {
    const theme = Taro.getSystemInfoSync().theme
    return theme === 'dark' || theme === 'light' ? theme : undefined
  } catch {
    return undefined
  }
}

/** Calls `listener` when the host app's theme changes; returns the unsubscribe. */
export function watchSystemTheme(listener: (theme: SystemTheme) => void): () => void {
  const onChange = ({ theme }: { theme: string }) => {
    if (theme === 'dark' || theme === 'light') listener(theme)
  }
  try {
    Taro.onThemeChange(onChange)
    return () => {
      try {
        Taro.offThemeChange(onChange)
      } catch {
        // Hosts without the API never called it.
      }
    }
  } catch {
    return () => undefined
  }
}
