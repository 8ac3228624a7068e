/**
 * Registers the web build's service worker, which lets the H5 app open with no network
 * (config/web-chain.ts). The mini-programs and harmony-hybrid open from local files: nothing to do.
 */
export function registerServiceWorker(): void {}
