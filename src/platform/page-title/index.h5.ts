import Taro from '@tarojs/taro'

/**
 * H5: the document title (what a tab, a history entry and a screen reader announce)
 * and Taro's navigation bar. Taro's router writes the page config's static title on
 * every route change, so this runs on page show, after it.
 */
export function setPageTitle(title: string): void {
  if (typeof document !== 'undefined') document.title = title
  try {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined)
  } catch {
    // No navigation bar in this build: the document title is enough.
  }
}
