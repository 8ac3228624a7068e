import {
  BalanceSchema,
  CardListSchema,
  InAppNotificationListSchema,
  PaymentCheckSchema,
  ReminderListSchema,
  StatementSchema,
  TransactionListSchema,
} from '@contract'
import type * as v from 'valibot'

import type { IssuerApi } from './api'
import type { ResourceSpec } from './resource'

/** Refresh intervals: past these, data is refetched and shown with the stale badge until then. */
export const MAX_AGE_MS = {
  cards: 10 * 60_000,
  balance: 60_000,
  statement: 5 * 60_000,
} as const

/** The most transactions any frame shows (phone: 3): the widgets read one page of this size. */
export const LATEST_TRANSACTIONS = 3

/** A resource kept in platform storage for offline launches, validated by `schema` on the way back. */
function persisted<T>(
  key: string,
  schema: v.GenericSchema<unknown, T>,
  maxAgeMs: number,
  load: ResourceSpec<T>['load'],
): ResourceSpec<T> {
  return { key, load, schema, maxAgeMs, persist: true }
}

/** The cached server data the widgets read, one spec per resource. */
export function resourceSpecs(api: IssuerApi) {
  return {
    cards: () =>
      persisted('cards', CardListSchema, MAX_AGE_MS.cards, (etag) => api.listCards(etag)),
    balance: (cardId: string) =>
      persisted(`balance:${cardId}`, BalanceSchema, MAX_AGE_MS.balance, (etag) =>
        api.getBalance(cardId, etag),
      ),
    /** The latest transactions, with the balance's refresh interval (they move together). */
    transactions: (cardId: string) =>
      persisted(`transactions:${cardId}`, TransactionListSchema, MAX_AGE_MS.balance, (etag) =>
        api.listTransactions(cardId, LATEST_TRANSACTIONS, etag),
      ),
    statement: (cardId: string) =>
      persisted(`statement:${cardId}`, StatementSchema, MAX_AGE_MS.statement, (etag) =>
        api.getStatement(cardId, etag),
      ),
    // Reminders and fired in-app reminders are polled with the statement (and on page show).
    reminders: (cardId: string) =>
      persisted(`reminders:${cardId}`, ReminderListSchema, MAX_AGE_MS.statement, (etag) =>
        api.listReminders(cardId, etag),
      ),
    /** The payment check's settings: asked afresh, never kept on the device. */
    paymentCheck: (): ResourceSpec<v.InferOutput<typeof PaymentCheckSchema>> => ({
      key: 'payment-check',
      schema: PaymentCheckSchema,
      maxAgeMs: MAX_AGE_MS.balance,
      persist: false,
      load: () => api.getPaymentCheck(),
    }),
    notifications: (cardId: string) =>
      persisted(
        `notifications:${cardId}`,
        InAppNotificationListSchema,
        MAX_AGE_MS.statement,
        (etag) => api.listNotifications(cardId, etag),
      ),
  }
}
