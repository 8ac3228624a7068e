import Taro from '@tarojs/taro'

/**
 * Sets the current page's title (the host's navigation bar). Page configs only hold a
 * static default; the cardholder's language is known at run time, so every page sets
 * its title from the i18n table when it shows.
 */
export function setPageTitle(title: string): void {
  try {
    void Taro.setNavigationBarTitle({ title }).catch(() => undefined)
  } catch {
    // Hosts without a navigation bar (custom navigation style) have nothing to set.
  }
}
