import { useCallback, useRef, useState } from 'react'

import {
  isIssuerError,
  issuerClient,
  type IssuerError,
  revalidate,
  updateResource,
} from '@/issuer/client'
import { newIdempotencyKey } from '@/lib/idempotency'
import type { Money } from '@/lib/money'

export type RepayKind = 'full' | 'minimum' | 'custom'

export type RepayState =
  | { phase: 'idle' }
  | { phase: 'confirm' | 'submitting'; kind: RepayKind; amount: Money; key: string }
  | { phase: 'failed'; kind: RepayKind; amount: Money; key: string; error: IssuerError }
  | { phase: 'succeeded'; amount: Money }

/**
 * A repayment from intent to result. The Idempotency-Key is made once per intent,
 * when the confirmation opens, and reused by every retry of it; a tap while a
 * submission is running is ignored. Either way a double tap never pays twice, and
 * the issuer's replay of a key returns the stored result.
 */
export function useRepay(cardId: string | undefined) {
  const [state, setRendered] = useState<RepayState>({ phase: 'idle' })
  const busy = useRef(false)
  // The latest state for handlers called twice in one tick (a double tap).
  const current = useRef<RepayState>(state)
  const setState = useCallback((next: RepayState) => {
    current.current = next
    setRendered(next)
  }, [])

  const start = useCallback(
    (kind: RepayKind, amount: Money) => {
      const phase = current.current.phase
      if (phase === 'confirm' || phase === 'submitting' || busy.current) return
      setState({ phase: 'confirm', kind, amount, key: newIdempotencyKey() })
    },
    [setState],
  )

  const cancel = useCallback(() => {
    if (!busy.current) setState({ phase: 'idle' })
  }, [setState])

  const confirm = useCallback(async () => {
    const intent = current.current
    if (busy.current || !cardId || (intent.phase !== 'confirm' && intent.phase !== 'failed')) return
    busy.current = true
    const { kind, amount, key } = intent
    setState({ phase: 'submitting', kind, amount, key })
    try {
      await issuerClient.api.repay(cardId, amount, key)
    } catch (error) {
      const issuerError = isIssuerError(error) ? error : undefined
      if (issuerError) setState({ phase: 'failed', kind, amount, key, error: issuerError })
      else throw error
      return
    } finally {
      busy.current = false
    }
    // Paid: the statement counts the payment at once, so the next repayment (which may
    // start at once: a slow re-read must not swallow the cardholder's tap) is offered
    // the amounts still due, never the ones just paid. The issuer's figures follow.
    const specs = issuerClient.resources
    updateResource(specs.statement(cardId), (statement) => ({
      ...statement,
      paid_to_date: {
        ...statement.paid_to_date,
        amount: statement.paid_to_date.amount + amount.amount,
      },
    }))
    setState({ phase: 'succeeded', amount })
    await Promise.all([revalidate(specs.statement(cardId)), revalidate(specs.balance(cardId))])
  }, [cardId, setState])

  return { state, start, cancel, confirm }
}
