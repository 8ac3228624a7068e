/**
 * H5: registers the Workbox service worker the production build emits (`sw.js`, made in
 * config/web-chain.ts), once the page has loaded so it never competes with the first
 * code. It precaches the app shell only: with a seed held, the offline pay code then
 * works from a cold start with no network.
 */
export function registerServiceWorker(): void {
  if (process.env.NODE_ENV !== 'production' || CARDLET_TEST_AGENT) return
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  const register = () => {
    navigator.serviceWorker.register('./sw.js').catch(() => {
      // No worker (a private window, an insecure origin): the app still runs online.
    })
  }
  if (document.readyState === 'complete') register()
  else window.addEventListener('load', register, { once: true })
}
