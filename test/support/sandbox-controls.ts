import type { CardLock, FaultRuleSchema, PaymentCheck, StepUp } from '@contract'
import type * as v from 'valibot'

import { SandboxApi } from './sandbox-api'

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

/** Opens PIN entry again for every cardholder; answers how many payment checks it changed. */
export async function clearPinLockouts(base: string): Promise<number> {
  const response = await control(base, 'DELETE', '/v1/sandbox/pin-lockouts')
  return ((await response.json()) as { cleared: number }).cleared
}

/**
 * Sets `persona`'s payment PIN (6 digits), changes it (with `currentPin`) or removes it
 * (`null`, with `currentPin`), as that cardholder in a session of its own.
 */
export async function setPaymentPin(
  base: string,
  persona: string,
  pin: string | null,
  currentPin?: string,
): Promise<PaymentCheck> {
  const body = currentPin === undefined ? { pin } : { pin, current_pin: currentPin }
  return new SandboxApi(base, persona).put<PaymentCheck>('/v1/payment-check', body)
}

/**
 * Locks or unlocks `persona`'s card `cardId` as that cardholder; `pin` proves the
 * payment check first (unlocking needs it when the cardholder has a PIN).
 */
export async function setCardLock(
  base: string,
  persona: string,
  cardId: string,
  locked: boolean,
  pin?: string,
): Promise<CardLock> {
  const api = new SandboxApi(base, persona)
  const grant =
    pin === undefined
      ? undefined
      : await api.post<StepUp>('/v1/payment-check/step-ups', { method: 'pin', pin })
  return api.put<CardLock>(`/v1/cards/${cardId}/lock`, {
    locked,
    ...(grant ? { step_up_token: grant.step_up_token } : {}),
  })
}
