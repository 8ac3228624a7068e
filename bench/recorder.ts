import type { BrowserContext, Page, Response } from 'playwright-core'

/**
 * In-page timestamps (performance.now(), ms from navigation start) for conditions that a
 * polling selector would misread:
 * - every draw into the `#paycode-qr` canvas: sizing the canvas starts one (the widget
 *   resizes before each draw), each fillRect ends it later; `dark` when a module was
 *   filled black, so the blank canvas drawn before a code exists is not counted as a QR;
 * - `offline`: the window's offline event (the network cut);
 * - `balance`: the first moment `#balance-card` is `ready` and `#balance-available`
 *   carries a formatted amount.
 * `data-status="drawn"` alone is not enough: the canvas keeps the previous draw's
 * status between React's commit of a new code and the effect that draws it.
 * A string, not a function: tsx's transform would add helpers the page does not have.
 */
export const RECORDER = `(() => {
  const b = { draws: [], marks: {} }
  window.__bench = b
  const mark = (n) => { if (b.marks[n] === undefined) b.marks[n] = performance.now() }
  window.addEventListener('offline', () => mark('offline'))
  const ids = new WeakMap()
  const idOf = (canvas) => {
    if (!canvas) return ''
    let id = ids.get(canvas)
    if (id === undefined) {
      const host = canvas.closest ? canvas.closest('[id]') : null
      id = host ? host.id : ''
      ids.set(canvas, id)
    }
    return id
  }
  const width = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'width')
  Object.defineProperty(HTMLCanvasElement.prototype, 'width', {
    configurable: true,
    enumerable: true,
    get() { return width.get.call(this) },
    set(v) {
      if (idOf(this) === 'paycode-qr') {
        const now = performance.now()
        b.draws.push({ start: now, end: now, dark: false, afterOffline: b.marks.offline !== undefined })
      }
      width.set.call(this, v)
    },
  })
  const fillRect = CanvasRenderingContext2D.prototype.fillRect
  CanvasRenderingContext2D.prototype.fillRect = function (...args) {
    const result = fillRect.apply(this, args)
    if (idOf(this.canvas) === 'paycode-qr') {
      const d = b.draws[b.draws.length - 1]
      if (d) {
        d.end = performance.now()
        if (this.fillStyle === '#000000') d.dark = true
      }
    }
    return result
  }
  const AMOUNT = /\\d[\\d,]*\\.\\d{2}/
  const check = () => {
    const card = document.getElementById('balance-card')
    const available = document.getElementById('balance-available')
    if (card && available && card.getAttribute('data-status') === 'ready' && AMOUNT.test(available.textContent || '')) mark('balance')
  }
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
})()`

interface Draw {
  start: number
  end: number
  dark: boolean
  afterOffline: boolean
}

async function waitFor(page: Page, expression: string, timeout: number): Promise<boolean> {
  try {
    await page.waitForFunction(expression, undefined, { timeout, polling: 100 })
    return true
  } catch {
    return false
  }
}

/** ms from navigation start until the available credit shows an amount, or undefined. */
export async function balanceShown(page: Page, timeout = 30_000): Promise<number | undefined> {
  if (!(await waitFor(page, `window.__bench.marks.balance !== undefined`, timeout)))
    return undefined
  return (await page.evaluate(`window.__bench.marks.balance`)) as number
}

/** The response to the request that provisions the offline seed. */
export function seedProvisioned(page: Page, timeout = 30_000): Promise<Response | undefined> {
  return page
    .waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        /\/v1\/cards\/[^/]+\/pay-codes$/.test(new URL(r.url()).pathname) &&
        r.request().postData()?.includes('"offline"') === true,
      { timeout },
    )
    .then(
      (r) => r,
      () => undefined,
    )
}

export interface OnlineQr {
  /** ms from navigation start until the first QR (dark modules) was fully drawn. */
  drawnMs?: number
  /** ms from the online code's response (resource timing responseEnd) to that draw. */
  afterCodeMs?: number
}

/** The first online QR code drawn on a pay-code page. */
export async function onlineQr(page: Page, timeout = 30_000): Promise<OnlineQr> {
  const ok = await waitFor(
    page,
    `window.__bench.draws.some((d) => d.dark && !d.afterOffline) &&
     document.getElementById('paycode-card')?.getAttribute('data-status') === 'online'`,
    timeout,
  )
  if (!ok) return {}
  const { draws, codeAt } = (await page.evaluate(`({
    draws: window.__bench.draws,
    codeAt: performance.getEntriesByType('resource')
      .filter((e) => /\\/v1\\/cards\\/[^/]+\\/pay-codes$/.test(new URL(e.name).pathname))
      .map((e) => e.responseEnd)[0],
  })`)) as { draws: Draw[]; codeAt?: number }
  const first = draws.find((d) => d.dark && !d.afterOffline)
  if (!first) return {}
  // The first pay-codes POST is the online code; the seed is asked for after it.
  return {
    drawnMs: first.end,
    afterCodeMs: codeAt !== undefined && codeAt <= first.end ? first.end - codeAt : undefined,
  }
}

/**
 * Cuts the network (after the seed was provisioned) and returns ms from the cut (the
 * page's offline event) until an offline QR code is fully drawn, or undefined.
 */
export async function offlineQr(
  context: BrowserContext,
  page: Page,
  timeout = 30_000,
): Promise<number | undefined> {
  await context.setOffline(true)
  const ok = await waitFor(
    page,
    `window.__bench.draws.some((d) => d.dark && d.afterOffline) &&
     document.getElementById('paycode-card')?.getAttribute('data-status') === 'offline'`,
    timeout,
  )
  if (!ok) return undefined
  const { draws, offline } = (await page.evaluate(
    `({ draws: window.__bench.draws, offline: window.__bench.marks.offline })`,
  )) as { draws: Draw[]; offline?: number }
  const first = draws.find((d) => d.dark && d.afterOffline)
  return first && offline !== undefined ? first.end - offline : undefined
}
