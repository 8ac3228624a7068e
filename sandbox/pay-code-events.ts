import { EventEmitter } from 'node:events'

import type { PayCodeStatus, PayCodeStatusValue } from '@contract'

import type { SandboxClock } from './clock'
import type { PayCodeRow, Payment, SandboxStore } from './store'

/**
 * Pay-code status changes and the long-polls waiting on them, plus the timers that
 * expire and settle codes in real time. Shared by the pay-code routes and the till.
 */
export class PayCodeEvents {
  readonly #changes = new EventEmitter().setMaxListeners(0)
  readonly #timers = new Set<NodeJS.Timeout>()
  #closing = false

  constructor(
    private readonly store: SandboxStore,
    private readonly clock: SandboxClock,
  ) {}

  /** Wakes the long-polls waiting on a pay code. */
  notify(id: string): void {
    this.#changes.emit(id)
  }

  /** Wakes every waiting long-poll to look again (the clock jumped, or the sandbox closes). */
  wakeAll(): void {
    for (const id of this.#changes.eventNames()) this.#changes.emit(id)
  }

  setStatus(id: string, status: PayCodeStatusValue): void {
    this.store.payCodes.setStatus(id, status, this.clock.now())
    this.notify(id)
  }

  recordPayment(id: string, payment: Payment): void {
    this.store.payCodes.recordPayment(id, payment, this.clock.now())
    this.notify(id)
  }

  /**
   * Pending payments whose settle time (sandbox clock) has come turn succeeded; then the
   * card's transactions settle, and a code whose payment the merchant reversed says
   * `reversed` (its long-polls wake to tell the till's customer).
   */
  settleDue(): void {
    for (const id of this.store.payCodes.duePendingIds(this.clock.now())) {
      this.setStatus(id, 'succeeded')
    }
    this.store.settle()
    for (const id of this.store.payCodes.reversedPaymentIds()) this.setStatus(id, 'reversed')
  }

  statusOf(row: PayCodeRow): PayCodeStatus {
    const status =
      row.status === 'active' && row.expires_at <= this.clock.now() ? 'expired' : row.status
    return {
      id: row.id,
      status,
      ...(row.amount !== null && row.currency !== null
        ? { amount: { amount: row.amount, currency: row.currency } }
        : {}),
      ...(row.merchant !== null ? { merchant: row.merchant } : {}),
      ...(row.transaction_id !== null ? { transaction_id: row.transaction_id } : {}),
      ...(row.decline_reason !== null ? { decline_reason: row.decline_reason } : {}),
      updated_at: this.clock.iso(row.updated_at),
    }
  }

  /** Runs `fn` after `ms` of real time, unless the sandbox closes first. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      fn()
    }, ms)
    timer.unref()
    this.#timers.add(timer)
  }

  /**
   * Resolves when pay code `id` changes, the request closes, or `deadline` (real ms)
   * passes: an event, not a timer loop. False once the sandbox is closing.
   */
  async waitForChange(
    id: string,
    request: NodeJS.EventEmitter,
    deadline: number,
  ): Promise<boolean> {
    if (this.#closing || Date.now() >= deadline) return false
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.#changes.off(id, done)
        request.off('close', done)
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, deadline - Date.now()))
      this.#changes.on(id, done)
      request.on('close', done)
    })
    return true
  }

  /** Closing answers every waiting long-poll at once instead of holding close() for 25 s. */
  close(): void {
    this.#closing = true
    this.wakeAll()
  }

  /** Stops the timers (after the server closed). */
  stop(): void {
    for (const timer of this.#timers) clearTimeout(timer)
  }
}
