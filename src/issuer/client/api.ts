import {
  BalanceSchema,
  CardListSchema,
  InAppNotificationListSchema,
  type Money,
  OfflineSeedSchema,
  OnlinePayCodeSchema,
  PayCodeStatusSchema,
  ReminderListSchema,
  type ReminderRequest,
  ReminderSchema,
  RepaymentSchema,
  StatementSchema,
  TransactionListSchema,
} from '@/issuer/contract'

import type { Transport } from './transport'

/** Longest long-poll the client asks for; the transport timeout is set above it. */
export const LONG_POLL_S = 25

/**
 * Every issuer endpoint the widgets use, as a small typed function. Responses are
 * validated by the transport against the shared contract.
 */
export function createIssuerApi(transport: Transport) {
  const cardPath = (cardId: string) => `/v1/cards/${encodeURIComponent(cardId)}`
  return {
    listCards: (etag?: string) =>
      transport.send({ method: 'GET', path: '/v1/cards', schema: CardListSchema, etag }),

    getBalance: (cardId: string, etag?: string) =>
      transport.send({
        method: 'GET',
        path: `${cardPath(cardId)}/balance`,
        schema: BalanceSchema,
        etag,
      }),

    getStatement: (cardId: string, etag?: string) =>
      transport.send({
        method: 'GET',
        path: `${cardPath(cardId)}/statements/current`,
        schema: StatementSchema,
        etag,
      }),

    /** The newest `limit` transactions (the widgets show the first page only). */
    listTransactions: (cardId: string, limit: number, etag?: string) =>
      transport.send({
        method: 'GET',
        path: `${cardPath(cardId)}/transactions`,
        query: { limit },
        schema: TransactionListSchema,
        etag,
      }),

    /** Moves money: always carries the caller's Idempotency-Key, so a retry never pays twice. */
    repay: (cardId: string, amount: Money, idempotencyKey: string) =>
      transport.send({
        method: 'POST',
        path: `${cardPath(cardId)}/repayments`,
        body: { amount },
        idempotencyKey,
        schema: RepaymentSchema,
      }),

    createOnlinePayCode: (cardId: string) =>
      transport.send({
        method: 'POST',
        path: `${cardPath(cardId)}/pay-codes`,
        body: { mode: 'online' },
        schema: OnlinePayCodeSchema,
      }),

    provisionOfflineSeed: (cardId: string, deviceId: string) =>
      transport.send({
        method: 'POST',
        path: `${cardPath(cardId)}/pay-codes`,
        body: { mode: 'offline', device_id: deviceId },
        schema: OfflineSeedSchema,
      }),

    /** Long-polls a pay code's payment result until it differs from `since`. */
    waitForPayCodeStatus: (payCodeId: string, since: string, waitS = LONG_POLL_S) =>
      transport.send({
        method: 'GET',
        path: `/v1/pay-codes/${encodeURIComponent(payCodeId)}`,
        query: { wait_s: waitS, since },
        schema: PayCodeStatusSchema,
        timeoutMs: (waitS + 10) * 1000,
      }),

    revokePayCode: (payCodeId: string) =>
      transport.send({
        method: 'DELETE',
        path: `/v1/pay-codes/${encodeURIComponent(payCodeId)}`,
        schema: null,
      }),

    listReminders: (cardId: string, etag?: string) =>
      transport.send({
        method: 'GET',
        path: `${cardPath(cardId)}/reminders`,
        schema: ReminderListSchema,
        etag,
      }),

    /** Lead days and time are the cardholder's, within the contract's REMINDER_BOUNDS. */
    createReminder: (cardId: string, request: ReminderRequest) =>
      transport.send({
        method: 'POST',
        path: `${cardPath(cardId)}/reminders`,
        body: request,
        schema: ReminderSchema,
      }),

    deleteReminder: (cardId: string, reminderId: string) =>
      transport.send({
        method: 'DELETE',
        path: `${cardPath(cardId)}/reminders/${encodeURIComponent(reminderId)}`,
        schema: null,
      }),

    /** The card's fired in-app reminders, newest first. */
    listNotifications: (cardId: string, etag?: string) =>
      transport.send({
        method: 'GET',
        path: `${cardPath(cardId)}/notifications`,
        schema: InAppNotificationListSchema,
        etag,
      }),
  }
}

export type IssuerApi = ReturnType<typeof createIssuerApi>
