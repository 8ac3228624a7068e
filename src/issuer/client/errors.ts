import type { MessageKey } from '@/lib/i18n'

/** Why a call to the issuer failed, as the UI needs to tell it apart. */
export type IssuerErrorKind =
  | 'network' // no answer: offline, connection dropped, DNS
  | 'timeout'
  | 'malformed' // an answer we cannot trust: bad JSON, wrong type, schema mismatch
  | 'signed_out' // the session is gone and could not be renewed
  | 'rate_limited'
  | 'unavailable' // 5xx
  | 'problem' // any other problem+json answer (4xx)

/** A typed failure from the issuer client; `messageKey` is what the widget shows. */
export class IssuerError extends Error {
  readonly kind: IssuerErrorKind
  readonly status?: number
  /** The problem+json `code`, when the issuer sent one. */
  readonly code?: string
  readonly requestId?: string
  readonly retryable: boolean
  readonly retryAfterMs?: number
  /** `pin_incorrect`: wrong PINs left before PIN entry locks. */
  readonly attemptsLeft?: number
  /** `pin_locked`: when PIN entry opens again (RFC 3339). */
  readonly lockedUntil?: string

  constructor(init: {
    kind: IssuerErrorKind
    message: string
    status?: number
    code?: string
    requestId?: string
    retryable?: boolean
    retryAfterMs?: number
    attemptsLeft?: number
    lockedUntil?: string
  }) {
    super(init.message)
    this.name = 'IssuerError'
    this.kind = init.kind
    this.status = init.status
    this.code = init.code
    this.requestId = init.requestId
    this.retryable =
      init.retryable ?? ['network', 'timeout', 'rate_limited', 'unavailable'].includes(init.kind)
    this.retryAfterMs = init.retryAfterMs
    this.attemptsLeft = init.attemptsLeft
    this.lockedUntil = init.lockedUntil
  }

  get messageKey(): MessageKey {
    switch (this.kind) {
      case 'network':
        return 'error.network'
      case 'timeout':
        return 'error.timeout'
      case 'malformed':
        return 'error.malformed'
      case 'signed_out':
        return 'error.signedOut'
      case 'rate_limited':
        return 'error.rateLimited'
      case 'unavailable':
        return 'error.unavailable'
      case 'problem':
        if (this.code === 'no_statement') return 'error.noStatement'
        if (this.code === 'card_locked') return 'lock.locked'
        if (this.code === 'pin_locked') return 'pin.locked'
        if (this.status === 404) return 'error.notFound'
        return 'error.generic'
    }
  }
}

export function isIssuerError(error: unknown): error is IssuerError {
  return error instanceof IssuerError
}
