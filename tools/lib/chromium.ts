import { type Browser, chromium } from 'playwright-core'

/**
 * Debian's chromium, headless, with the flags this closed network needs (no
 * background networking, component updates or sync: their connections are refused).
 * CHROMIUM_PATH overrides /usr/bin/chromium. Used by the browser tests, the automator
 * bridge and the benchmark.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}
