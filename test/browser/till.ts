import type { Page } from 'playwright-core'

/**
 * Records the online pay codes the issuer gives `page` (attach before navigating);
 * the returned function resolves to the last one, once every answer so far is read.
 * The round faces show no digits: this is the code on screen.
 */
export function recordOnlineCodes(page: Page): () => Promise<string> {
  let code = ''
  let read = Promise.resolve()
  page.on('response', (r) => {
    if (r.request().method() !== 'POST' || !/\/pay-codes$/.test(new URL(r.url()).pathname)) return
    // In the order the answers came: the last one read is the last one given.
    read = read.then(() =>
      r.json().then(
        (body: { mode?: string; code?: string }) => {
          if (body.mode === 'online' && body.code) code = body.code
        },
        () => undefined,
      ),
    )
  })
  return () => read.then(() => code)
}
