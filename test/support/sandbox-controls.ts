import type { FaultRuleSchema } from '@contract'
import type * as v from 'valibot'

/** A fault rule as a test writes it (defaults left out). */
export type FaultRule = v.InferInput<typeof FaultRuleSchema>

/**
 * The sandbox issuer's controls over HTTP, one function each, for every test project
 * (the sandbox's own tests go through their contract-checking harness instead). Each
 * throws when the control refuses, so a test never runs on after a failed setup.
 */

export type ScanOutcome =
  'success' | 'decline' | 'pending_then_success' | 'success_then_reversal' | 'no_result'

export interface ScanAnswer {
  status: number
  body: { pay_code_id?: string; status?: string; decline_reason?: string; code?: string }
}

async function control(base: string, method: 'POST' | 'DELETE', path: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`)
  return response
}

/** The till: submits a code to the sandbox's scan endpoint for `amount` fen at `merchant`. */
export async function scan(
  base: string,
  code: string,
  outcome: ScanOutcome,
  amount: number,
  merchant: string,
): Promise<ScanAnswer> {
  const response = await fetch(`${base}/v1/sandbox/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code, amount: { amount, currency: 'CNY' }, merchant, outcome }),
  })
  return { status: response.status, body: (await response.json()) as ScanAnswer['body'] }
}

/** Fault rules on the issuer routes (they replace the ones before); `seed` fixes their dice. */
export async function setFaults(base: string, rules: FaultRule[], seed?: number): Promise<void> {
  await control(
    base,
    'POST',
    '/v1/sandbox/faults',
    seed === undefined ? { rules } : { rules, seed },
  )
}

export async function clearFaults(base: string): Promise<void> {
  await control(base, 'DELETE', '/v1/sandbox/faults')
}

/** Every row dropped and the personas seeded again; the clock back to real time. */
export async function resetSandbox(base: string): Promise<void> {
  await control(base, 'POST', '/v1/sandbox/reset')
}

/** The issuer's now (ms). */
export async function sandboxNow(base: string): Promise<number> {
  const response = await fetch(`${base}/v1/sandbox/clock`)
  return Date.parse(((await response.json()) as { now: string }).now)
}

/** Moves the sandbox clock on by `seconds` (what came due fires); answers the new now (ms). */
export async function advanceClock(base: string, seconds: number): Promise<number> {
  const response = await control(base, 'POST', '/v1/sandbox/clock/advance', { seconds })
  return Date.parse(((await response.json()) as { now: string }).now)
}
