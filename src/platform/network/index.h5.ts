import type { NetworkListener } from '.'

export type { NetworkListener } from '.'

/**
 * H5: the window's `online`/`offline` events (Taro's onNetworkStatusChange relies on
 * `navigator.connection`, which only reports a change of link type). A hint only.
 */
export function watchNetwork(listener: NetworkListener): () => void {
  if (typeof window === 'undefined') return () => undefined
  const online = () => listener(true)
  const offline = () => listener(false)
  window.addEventListener('online', online)
  window.addEventListener('offline', offline)
  return () => {
    window.removeEventListener('online', online)
    window.removeEventListener('offline', offline)
  }
}
