import { stopPullDownRefresh, usePullDownRefresh } from '@tarojs/taro'

/**
 * Pull-down refresh for a page whose config sets `enablePullDownRefresh` (the balance
 * and bill pages): runs `refresh`, then closes the platform's spinner whatever it gave.
 * On a page without the setting (home) the platform never calls it.
 */
export function usePullToRefresh(refresh: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void refresh().finally(() => stopPullDownRefresh())
  })
}
