import type { Page } from 'playwright-core'

export type ScanOutcome =
  'success' | 'decline' | 'pending_then_success' | 'success_then_reversal' | 'no_result'

export interface ScanAnswer {
  status: number
  body: { pay_code_id?: string; status?: string; decline_reason?: string; code?: string }
}

/** The till: submits a code to the sandbox's scan endpoint for `amount` fen at `merchant`. */
export async function scan(
  baseUrl: string,
  code: string,
  outcome: ScanOutcome,
  amount: number,
  merchant: string,
): Promise<ScanAnswer> {
  const response = await fetch(`${baseUrl}/v1/sandbox/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, amount: { amount, currency: 'CNY' }, merchant, outcome }),
  })
  return { status: response.status, body: (await response.json()) as ScanAnswer['body'] }
}

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
