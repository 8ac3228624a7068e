import {
  BalanceSchema,
  CardListSchema,
  CardLockSchema,
  InAppNotificationListSchema,
  issuerRoute,
  MAX_WAIT_S,
  type Money,
  OfflineSeedSchema,
  OnlinePayCodeSchema,
  PayCodeStatusSchema,
  type PaymentCheckRequest,
  PaymentCheckSchema,
  ReminderListSchema,
  type ReminderRequest,
  ReminderSchema,
  RepaymentSchema,
  SoterChallengeSchema,
  StatementSchema,
  type StepUpRequest,
  StepUpSchema,
  TransactionListSchema,
} from '@contract'

import type { Transport } from './transport'

/**
 * Every issuer endpoint the widgets use, as a small typed function. Responses are
 * validated by the transport against the shared contract.
 */
export function createIssuerApi(transport: Transport) {
  return {
    listCards: (etag?: string) =>
      transport.send({ ...issuerRoute('listCards', {}), schema: CardListSchema, etag }),

    getBalance: (cardId: string, etag?: string) =>
      transport.send({
        ...issuerRoute('getBalance', { card_id: cardId }),
        schema: BalanceSchema,
        etag,
      }),

    getStatement: (cardId: string, etag?: string) =>
      transport.send({
        ...issuerRoute('getCurrentStatement', { card_id: cardId }),
        schema: StatementSchema,
        etag,
      }),

    /** The newest `limit` transactions (the widgets show the first page only). */
    listTransactions: (cardId: string, limit: number, etag?: string) =>
      transport.send({
        ...issuerRoute('listTransactions', { card_id: cardId }),
        query: { limit },
        schema: TransactionListSchema,
        etag,
      }),

    /** Moves money: always carries the caller's Idempotency-Key, so a retry never pays twice. */
    repay: (cardId: string, amount: Money, idempotencyKey: string) =>
      transport.send({
        ...issuerRoute('createRepayment', { card_id: cardId }),
        body: { amount },
        idempotencyKey,
        schema: RepaymentSchema,
      }),

    /** `stepUp`: the grant the payment check gave (needed when the cardholder has a PIN). */
    createOnlinePayCode: (cardId: string, stepUp?: string) =>
      transport.send({
        ...issuerRoute('createPayCode', { card_id: cardId }),
        body: { mode: 'online', step_up_token: stepUp },
        schema: OnlinePayCodeSchema,
      }),

    provisionOfflineSeed: (cardId: string, deviceId: string, stepUp?: string) =>
      transport.send({
        ...issuerRoute('createPayCode', { card_id: cardId }),
        body: { mode: 'offline', device_id: deviceId, step_up_token: stepUp },
        schema: OfflineSeedSchema,
      }),

    /** Idempotent (the lock as it now stands), so retried like a GET. */
    setCardLock: (cardId: string, locked: boolean, stepUp?: string) =>
      transport.send({
        ...issuerRoute('setCardLock', { card_id: cardId }),
        body: { locked, step_up_token: stepUp },
        idempotent: true,
        schema: CardLockSchema,
      }),

    getPaymentCheck: () =>
      transport.send({ ...issuerRoute('getPaymentCheck', {}), schema: PaymentCheckSchema }),

    /** Never retried: a current PIN counts as an attempt. */
    setPaymentCheck: (request: PaymentCheckRequest) =>
      transport.send({
        ...issuerRoute('setPaymentCheck', {}),
        body: request,
        schema: PaymentCheckSchema,
      }),

    /** A single-use challenge for WeChat SOTER to sign. */
    createSoterChallenge: () =>
      transport.send({
        ...issuerRoute('createSoterChallenge', {}),
        schema: SoterChallengeSchema,
      }),

    /** Never retried: a PIN counts as an attempt. */
    createStepUp: (request: StepUpRequest) =>
      transport.send({
        ...issuerRoute('createStepUp', {}),
        body: request,
        schema: StepUpSchema,
      }),

    /**
     * Long-polls a pay code's payment result until it differs from `since`, for at most
     * the contract's longest wait; the transport's timeout is set above it.
     */
    waitForPayCodeStatus: (payCodeId: string, since: string, waitS = MAX_WAIT_S) =>
      transport.send({
        ...issuerRoute('getPayCodeStatus', { pay_code_id: payCodeId }),
        query: { wait_s: waitS, since },
        schema: PayCodeStatusSchema,
        timeoutMs: (waitS + 10) * 1000,
      }),

    revokePayCode: (payCodeId: string) =>
      transport.send({
        ...issuerRoute('revokePayCode', { pay_code_id: payCodeId }),
        schema: null,
      }),

    listReminders: (cardId: string, etag?: string) =>
      transport.send({
        ...issuerRoute('listReminders', { card_id: cardId }),
        schema: ReminderListSchema,
        etag,
      }),

    /** Lead days and time are the cardholder's, within the contract's REMINDER_BOUNDS. */
    createReminder: (cardId: string, request: ReminderRequest) =>
      transport.send({
        ...issuerRoute('createReminder', { card_id: cardId }),
        body: request,
        schema: ReminderSchema,
      }),

    deleteReminder: (cardId: string, reminderId: string) =>
      transport.send({
        ...issuerRoute('deleteReminder', { card_id: cardId, reminder_id: reminderId }),
        schema: null,
      }),

    /** The card's fired in-app reminders, newest first. */
    listNotifications: (cardId: string, etag?: string) =>
      transport.send({
        ...issuerRoute('listNotifications', { card_id: cardId }),
        schema: InAppNotificationListSchema,
        etag,
      }),
  }
}

export type IssuerApi = ReturnType<typeof createIssuerApi>
