import * as v from 'valibot'

/**
 * The issuer contract's data shapes, written once: the app validates responses with
 * them, the sandbox validates requests and answers with them, and the OpenAPI
 * document is generated from them. valibot runs without eval, so the same code
 * validates in mini-program engines. Objects accept (and drop) unknown fields, so
 * an issuer may add fields without breaking deployed widgets.
 */

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/

/** An instant, RFC 3339 with an offset. */
export const TimestampSchema = v.pipe(v.string(), v.regex(RFC3339, 'must be an RFC 3339 time'))
/** A calendar date, YYYY-MM-DD. */
export const DateSchema = v.pipe(v.string(), v.isoDate('must be a YYYY-MM-DD date'))

/**
 * An ISO 4217 currency code. The sandbox issues CNY only; the type stays a string so
 * src/lib/money (which formats any ISO code) and the wire agree.
 */
export const CurrencySchema = v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, 'must be ISO 4217'))
export type Currency = v.InferOutput<typeof CurrencySchema>

/** The issuer's time zone: statement and due dates are calendar days here. */
export const ISSUER_TIME_ZONE = 'Asia/Shanghai'

/** The currency the sandbox issuer's cards are issued in; every amount carries its card's. */
export const ISSUER_CURRENCY: Currency = 'CNY'

/** Money: integer minor units (fen) >= 0 and an ISO 4217 code; meaning comes from the field name. */
export const MoneySchema = v.object({
  amount: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  currency: CurrencySchema,
})
export type Money = v.InferOutput<typeof MoneySchema>

/** Money that moves (a repayment, a purchase): at least one minor unit. */
export const PositiveMoneySchema = v.object({
  amount: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  currency: CurrencySchema,
})

/**
 * Every `code` a problem carries. `forbidden` is never used for another user's card:
 * that answers 404 `not_found`, so card ids cannot be enumerated.
 */
export const PROBLEM_CODES = [
  'unauthorized',
  'token_expired',
  'refresh_reused',
  'invalid_grant',
  'forbidden',
  'not_found',
  'no_statement',
  'validation_failed',
  'too_many_reminders',
  'idempotency_key_required',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'rate_limited',
  'code_expired',
  'code_used',
  'code_revoked',
  'card_locked',
  'step_up_required',
  'pin_incorrect',
  'pin_locked',
  'unavailable',
  'internal',
] as const
export type ProblemCode = (typeof PROBLEM_CODES)[number]
export const ProblemCodeSchema = v.picklist(PROBLEM_CODES)

/**
 * The `title` of a problem by its status (RFC 9457: the same for every problem of that
 * status); the OpenAPI document's response descriptions start with it.
 */
export const PROBLEM_TITLES = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  408: 'Request timeout',
  409: 'Conflict',
  410: 'Gone',
  414: 'URI too long',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal error',
  503: 'Service unavailable',
} as const satisfies Record<number, string>
export type ProblemStatus = keyof typeof PROBLEM_TITLES

/**
 * RFC 9457 problem details (application/problem+json), with the issuer's machine
 * code, the request id to quote to support, and whether a retry may succeed. 429
 * and 503 also carry a Retry-After header.
 */
export const ProblemSchema = v.object({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)),
  detail: v.string(),
  code: ProblemCodeSchema,
  request_id: v.string(),
  retryable: v.boolean(),
  /** `pin_incorrect`: wrong PINs still allowed before PIN entry locks. */
  attempts_left: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** `pin_locked`: when PIN entry opens again. */
  locked_until: v.optional(TimestampSchema),
})
export type Problem = v.InferOutput<typeof ProblemSchema>

/** Who issued a login code: the super-app, the HarmonyOS container, or the web (H5). */
export const ProviderSchema = v.picklist(['wechat', 'alipay', 'jd', 'harmony', 'h5'])
export type Provider = v.InferOutput<typeof ProviderSchema>

export const SessionRequestSchema = v.object({
  provider: ProviderSchema,
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
})
export type SessionRequest = v.InferOutput<typeof SessionRequestSchema>

export const RefreshRequestSchema = v.object({
  refresh_token: v.pipe(v.string(), v.minLength(1), v.maxLength(512)),
})
export type RefreshRequest = v.InferOutput<typeof RefreshRequestSchema>

/** A session: a short-lived access token and a rotating refresh token. */
export const SessionSchema = v.object({
  access_token: v.string(),
  token_type: v.literal('Bearer'),
  expires_in: v.pipe(v.number(), v.integer(), v.minValue(1)),
  refresh_token: v.string(),
  refresh_expires_in: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type Session = v.InferOutput<typeof SessionSchema>

export const CardBrandSchema = v.picklist(['unionpay', 'visa', 'mastercard'])
export type CardBrand = v.InferOutput<typeof CardBrandSchema>

/** A card as the widgets know it: never the full number. */
export const CardSchema = v.object({
  id: v.string(),
  brand: CardBrandSchema,
  last4: v.pipe(v.string(), v.regex(/^\d{4}$/)),
  product_name: v.string(),
  currency: CurrencySchema,
  /**
   * Locked by the cardholder: the till declines every scan (`card_locked`), no code is
   * issued. Absent (an issuer without card locks): false.
   */
  locked: v.optional(v.boolean(), false),
})
export type Card = v.InferOutput<typeof CardSchema>

export const CardListSchema = v.object({ data: v.array(CardSchema) })
export type CardList = v.InferOutput<typeof CardListSchema>

export const BalanceSchema = v.object({
  card_id: v.string(),
  available_credit: MoneySchema,
  credit_limit: MoneySchema,
  current_balance: MoneySchema,
  pending_amount: MoneySchema,
  /** The card's lock, as on the card list (absent: false). */
  locked: v.optional(v.boolean(), false),
  as_of: TimestampSchema,
})
export type Balance = v.InferOutput<typeof BalanceSchema>

export const StatementStatusSchema = v.picklist(['open', 'partially_paid', 'paid', 'overdue'])
export type StatementStatus = v.InferOutput<typeof StatementStatusSchema>

/** The current statement; dates are calendar days in `time_zone`. */
export const StatementSchema = v.object({
  card_id: v.string(),
  statement_date: DateSchema,
  due_date: DateSchema,
  time_zone: v.literal(ISSUER_TIME_ZONE),
  statement_balance: MoneySchema,
  minimum_due: MoneySchema,
  paid_to_date: MoneySchema,
  status: StatementStatusSchema,
})
export type Statement = v.InferOutput<typeof StatementSchema>

export const RepaymentRequestSchema = v.object({
  amount: PositiveMoneySchema,
})
export type RepaymentRequest = v.InferOutput<typeof RepaymentRequestSchema>

export const RepaymentSummarySchema = v.object({
  id: v.string(),
  card_id: v.string(),
  amount: MoneySchema,
  status: v.literal('succeeded'),
  created_at: TimestampSchema,
})
export type RepaymentSummary = v.InferOutput<typeof RepaymentSummarySchema>

/** A repayment with the statement and balance it produced (one transaction). */
export const RepaymentSchema = v.object({
  ...RepaymentSummarySchema.entries,
  statement: StatementSchema,
  balance: BalanceSchema,
})
export type Repayment = v.InferOutput<typeof RepaymentSchema>

export const RepaymentListSchema = v.object({ data: v.array(RepaymentSummarySchema) })
export type RepaymentList = v.InferOutput<typeof RepaymentListSchema>

/**
 * Why an authorisation was declined: the amount is over the available credit, the till
 * asked for a currency other than the card's (the issuer converts none), or the issuer
 * refused it for another reason, or the cardholder locked the card. A code the till should not have scanned (unknown,
 * expired, used, revoked) is the till's error, a problem, not a decline of the card.
 */
export const DECLINE_REASONS = [
  'insufficient_credit',
  'currency_not_supported',
  'card_locked',
  'issuer_declined',
] as const
export const DeclineReasonSchema = v.picklist(DECLINE_REASONS)
export type DeclineReason = v.InferOutput<typeof DeclineReasonSchema>

/**
 * A transaction's life: `pending` (authorised, holding available credit), then `posted`
 * (on the balance, billed on the next statement) or `reversed` (the hold released);
 * `declined` never moved any credit.
 */
export const TRANSACTION_STATUSES = ['pending', 'posted', 'declined', 'reversed'] as const
export const TransactionStatusSchema = v.picklist(TRANSACTION_STATUSES)
export type TransactionStatus = v.InferOutput<typeof TransactionStatusSchema>

/** A purchase and a fee are debits (they raise what is owed); a repayment is a credit. */
export const TransactionTypeSchema = v.picklist(['purchase', 'fee', 'repayment'])
export type TransactionType = v.InferOutput<typeof TransactionTypeSchema>

/** One line of a card's activity; `amount` is unsigned, `direction` says which way it moved. */
export const TransactionSchema = v.object({
  id: v.string(),
  card_id: v.string(),
  type: TransactionTypeSchema,
  direction: v.picklist(['debit', 'credit']),
  amount: PositiveMoneySchema,
  merchant: v.string(),
  status: TransactionStatusSchema,
  created_at: TimestampSchema,
  /** When it posted (status `posted` only). */
  posted_at: v.optional(TimestampSchema),
  /** Why it was declined (status `declined` only). */
  decline_reason: v.optional(DeclineReasonSchema),
})
export type Transaction = v.InferOutput<typeof TransactionSchema>

/** A page of transactions, newest first; `has_more` says an older page exists. */
export const TransactionListSchema = v.object({
  data: v.array(TransactionSchema),
  has_more: v.boolean(),
})
export type TransactionList = v.InferOutput<typeof TransactionListSchema>

/**
 * An integer query parameter from `min` to `max` (decoded: the sandbox turns a digit
 * string into its number before validating), `fallback` when absent.
 */
function integerParam(min: number, max: number, description: string, fallback: number) {
  const rule = `must be an integer ${min}-${max}`
  return v.optional(
    v.pipe(
      v.number(rule),
      v.integer(rule),
      v.minValue(min, rule),
      v.maxValue(max, rule),
      v.description(description),
    ),
    fallback,
  )
}

/** The most transactions one page holds. */
export const MAX_TRANSACTION_PAGE = 100

/** Cursor pagination in Stripe's style: `limit` items after the `starting_after` id. */
export const TransactionListQuerySchema = v.object({
  limit: integerParam(1, MAX_TRANSACTION_PAGE, 'how many transactions to return (default 10)', 10),
  starting_after: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[\w-]{1,64}$/, 'must be a transaction id'),
      v.description('a transaction id from the previous page: the page starts after it'),
    ),
  ),
})
export type TransactionListQuery = v.InferOutput<typeof TransactionListQuerySchema>

/**
 * How the issuer cuts a statement: its balance is the unpaid part of the last one,
 * plus the cycle's posted transactions (and a late fee when the last one went overdue);
 * the minimum due is the larger of `minimumDuePercent` of it (rounded to the fen) and
 * `minimumDueFloor`, never more than the balance; it is due `dueAfterDays` later.
 */
export const STATEMENT_RULES = {
  minimumDuePercent: 10,
  minimumDueFloor: 5_000,
  dueAfterDays: 20,
} as const

/** The minimum due of a statement balance (minor units), by STATEMENT_RULES. */
export function minimumDueOf(balance: number): number {
  const share = Math.round((balance * STATEMENT_RULES.minimumDuePercent) / 100)
  return Math.min(balance, Math.max(share, STATEMENT_RULES.minimumDueFloor))
}

/** A step-up grant (`createStepUp`): required where the cardholder has a payment PIN. */
const StepUpTokenSchema = v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(256)))

export const PayCodeRequestSchema = v.variant('mode', [
  v.object({ mode: v.literal('online'), step_up_token: StepUpTokenSchema }),
  v.object({
    mode: v.literal('offline'),
    device_id: v.pipe(v.string(), v.minLength(8), v.maxLength(128)),
    step_up_token: StepUpTokenSchema,
  }),
])
export type PayCodeRequest = v.InferOutput<typeof PayCodeRequestSchema>

const PAY_CODE = /^62\d{17}$/

/** A single-use online code: 19 digits starting 62, short-lived. */
export const OnlinePayCodeSchema = v.object({
  id: v.string(),
  mode: v.literal('online'),
  code: v.pipe(v.string(), v.regex(PAY_CODE, 'must be 19 digits starting 62')),
  expires_at: TimestampSchema,
  ttl_s: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type OnlinePayCode = v.InferOutput<typeof OnlinePayCodeSchema>

/** An offline seed (RFC 6238); a code is code_prefix + seed_ref + TOTP, 19 digits. */
export const OfflineSeedSchema = v.object({
  id: v.string(),
  mode: v.literal('offline'),
  seed_ref: v.pipe(v.string(), v.regex(/^\d{9}$/)),
  secret: v.pipe(v.string(), v.regex(/^[A-Z2-7]+=*$/, 'must be base32')),
  algorithm: v.picklist(['SHA1', 'SHA256', 'SHA512']),
  digits: v.literal(8),
  period: v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(120)),
  code_prefix: v.literal('62'),
  valid_until: TimestampSchema,
  /**
   * Present when the cardholder has a payment PIN: the device checks a PIN offline as
   * HMAC-SHA256(key = salt bytes, message = the PIN's digits) = digest, both hex. The PIN
   * itself is never provisioned or stored.
   */
  pin_check: v.optional(
    v.object({
      salt: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
      digest: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
    }),
  ),
})
export type OfflineSeed = v.InferOutput<typeof OfflineSeedSchema>

export const PAY_CODE_STATUSES = [
  'active',
  'pending',
  'succeeded',
  'declined',
  'expired',
  'revoked',
  'reversed',
] as const

export const PayCodeStatusValueSchema = v.picklist(PAY_CODE_STATUSES)
export type PayCodeStatusValue = v.InferOutput<typeof PayCodeStatusValueSchema>

/** The longest long-poll of a pay code's status, in seconds. */
export const MAX_WAIT_S = 25

/**
 * The long-poll's query, as decoded values (the sandbox turns a digit string into its
 * number before validating; the OpenAPI parameters are generated from this).
 */
export const PayCodeStatusQuerySchema = v.object({
  wait_s: integerParam(
    0,
    MAX_WAIT_S,
    'seconds to wait for a status other than `since` (event-driven, bounded)',
    0,
  ),
  since: v.optional(
    v.pipe(
      PayCodeStatusValueSchema,
      v.description('the status the caller already knows; a different one answers at once'),
    ),
    'active',
  ),
})
export type PayCodeStatusQuery = v.InferOutput<typeof PayCodeStatusQuerySchema>

/** A pay code's (or an offline seed's latest) payment result, long-polled. */
export const PayCodeStatusSchema = v.object({
  id: v.string(),
  status: PayCodeStatusValueSchema,
  /** What the till asked, in its currency (not the card's when `currency_not_supported`). */
  amount: v.optional(MoneySchema),
  merchant: v.optional(v.string()),
  /**
   * The transaction the latest payment recorded: none for a till that got no result, or
   * for a currency other than the card's (declined before anything was booked).
   */
  transaction_id: v.optional(v.string()),
  /** Why the latest payment was declined (status `declined` only). */
  decline_reason: v.optional(DeclineReasonSchema),
  updated_at: TimestampSchema,
})
export type PayCodeStatus = v.InferOutput<typeof PayCodeStatusSchema>

/** Lock or unlock a card; unlocking needs a step-up grant when the cardholder has a PIN. */
export const CardLockRequestSchema = v.object({
  locked: v.boolean(),
  step_up_token: StepUpTokenSchema,
})
export type CardLockRequest = v.InferOutput<typeof CardLockRequestSchema>

export const CardLockSchema = v.object({
  card_id: v.string(),
  locked: v.boolean(),
  updated_at: TimestampSchema,
})
export type CardLock = v.InferOutput<typeof CardLockSchema>

/**
 * The payment check: a 6-digit PIN, wrong entries in a row before PIN entry locks, and
 * how long it stays locked. The sandbox's values; a real issuer sets its own.
 */
export const PAYMENT_PIN_RULES = {
  digits: 6,
  attempts: 5,
  lockoutS: 15 * 60,
  stepUpTtlS: 5 * 60,
  soterChallengeTtlS: 2 * 60,
} as const

const PinSchema = v.pipe(v.string(), v.regex(/^\d{6}$/, 'must be 6 digits'))

/** The cardholder's payment check, as the widgets ask before a pay code or an unlock. */
export const PaymentCheckSchema = v.object({
  pin_set: v.boolean(),
  /** WeChat SOTER (fingerprint or face) may stand in for the PIN. */
  biometrics: v.boolean(),
  attempts_left: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** PIN entry is locked until then after too many wrong PINs; null when open. */
  locked_until: v.nullable(TimestampSchema),
})
export type PaymentCheck = v.InferOutput<typeof PaymentCheckSchema>

/**
 * Set a PIN (`current_pin` absent when none is set), change it or remove it (`pin: null`)
 * with the current one, and turn biometrics on or off (with the current PIN).
 */
export const PaymentCheckRequestSchema = v.object({
  pin: v.optional(v.nullable(PinSchema)),
  current_pin: v.optional(PinSchema),
  biometrics: v.optional(v.boolean()),
})
export type PaymentCheckRequest = v.InferOutput<typeof PaymentCheckRequestSchema>

/** Prove the check: the PIN, or a WeChat SOTER result (`wx.startSoterAuthentication`). */
export const StepUpRequestSchema = v.variant('method', [
  v.object({ method: v.literal('pin'), pin: PinSchema }),
  v.object({
    method: v.literal('soter'),
    result_json: v.pipe(v.string(), v.minLength(2), v.maxLength(4096)),
    result_json_signature: v.pipe(v.string(), v.minLength(1), v.maxLength(4096)),
  }),
])
export type StepUpRequest = v.InferOutput<typeof StepUpRequestSchema>

/** A single-use challenge for `wx.startSoterAuthentication`, issued by the issuer. */
export const SoterChallengeSchema = v.object({
  challenge: v.pipe(v.string(), v.minLength(16), v.maxLength(128)),
  expires_in: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type SoterChallenge = v.InferOutput<typeof SoterChallengeSchema>

/** A short-lived grant that pay-code creation and unlocking accept. */
export const StepUpSchema = v.object({
  step_up_token: v.string(),
  expires_in: v.pipe(v.number(), v.integer(), v.minValue(1)),
})
export type StepUp = v.InferOutput<typeof StepUpSchema>

export const ReminderChannelSchema = v.picklist(['wechat', 'alipay', 'calendar', 'in_app'])
/** The channel that took a reminder; the issuer records it per card. */
export type ReminderChannel = v.InferOutput<typeof ReminderChannelSchema>

/**
 * WeChat's and Alipay's subscribe messages are one per acceptance: a reminder on them
 * sends one message, then is `spent`.
 */
export const ONE_TIME_REMINDER_CHANNELS: readonly ReminderChannel[] = ['wechat', 'alipay']

/**
 * What a cardholder may choose for a reminder: how many days before the due date, and
 * the time of day (HH:MM in ISSUER_TIME_ZONE, whole hours `earliest` to `latest`
 * inclusive, any minute in between). Outside them the issuer answers 422. A card holds
 * at most `perCard` reminders; past that a new one answers 422 `too_many_reminders`.
 */
export const REMINDER_BOUNDS = {
  daysBefore: { min: 1, max: 7, default: 3 },
  time: { earliestHour: 8, latestHour: 21, default: '09:00' },
  perCard: 60,
} as const

const pad2 = (n: number) => String(n).padStart(2, '0')
const { earliestHour, latestHour } = REMINDER_BOUNDS.time
const DAYS_BEFORE_RULE = `must be an integer ${REMINDER_BOUNDS.daysBefore.min}-${REMINDER_BOUNDS.daysBefore.max}`
const TIME_RULE = `must be HH:MM from ${pad2(earliestHour)}:00 to ${pad2(latestHour)}:00`
/** HH:MM from earliestHour:00 to latestHour:00, as a pattern (the OpenAPI document carries it). */
const TIME_PATTERN = new RegExp(
  `^(?:(?:${Array.from({ length: latestHour - earliestHour }, (_x, i) => pad2(earliestHour + i)).join('|')}):[0-5]\\d|${pad2(latestHour)}:00)$`,
)

/** Days before the due date a reminder fires, within the issuer's bounds. */
export const ReminderDaysSchema = v.pipe(
  v.number(DAYS_BEFORE_RULE),
  v.integer(DAYS_BEFORE_RULE),
  v.minValue(REMINDER_BOUNDS.daysBefore.min, DAYS_BEFORE_RULE),
  v.maxValue(REMINDER_BOUNDS.daysBefore.max, DAYS_BEFORE_RULE),
)

/** The time of day a reminder fires, HH:MM in ISSUER_TIME_ZONE, within the issuer's bounds. */
export const ReminderTimeSchema = v.pipe(
  v.string(TIME_RULE),
  v.regex(TIME_PATTERN, TIME_RULE),
  v.description(`HH:MM in ${ISSUER_TIME_ZONE}, ${pad2(earliestHour)}:00-${pad2(latestHour)}:00`),
)

export const ReminderRequestSchema = v.object({
  channel: ReminderChannelSchema,
  days_before: ReminderDaysSchema,
  time: v.optional(ReminderTimeSchema, REMINDER_BOUNDS.time.default),
})
export type ReminderRequest = v.InferOutput<typeof ReminderRequestSchema>

/**
 * Where a reminder stands for the card's current statement: `scheduled` (fires at
 * `fires_at`), `fired` (it did, for this due date), `no_statement` (nothing is due yet).
 */
/**
 * `spent`: a one-time channel's reminder (ONE_TIME_REMINDER_CHANNELS) that has sent its
 * message; it sends no more until the cardholder accepts the platform's prompt again
 * (a new reminder).
 */
export const ReminderStatusSchema = v.picklist(['scheduled', 'fired', 'no_statement', 'spent'])
export type ReminderStatus = v.InferOutput<typeof ReminderStatusSchema>

export const ReminderSchema = v.object({
  id: v.string(),
  card_id: v.string(),
  channel: ReminderChannelSchema,
  days_before: ReminderDaysSchema,
  time: ReminderTimeSchema,
  status: ReminderStatusSchema,
  /** Its moment for the current statement's due date (one created later fires at once); null without a statement. */
  fires_at: v.nullable(TimestampSchema),
  created_at: TimestampSchema,
})
export type Reminder = v.InferOutput<typeof ReminderSchema>

export const ReminderListSchema = v.object({ data: v.array(ReminderSchema) })
export type ReminderList = v.InferOutput<typeof ReminderListSchema>

/**
 * An in-app reminder that fired: what the app itself shows (the other channels are
 * delivered by their platform). `amount_due` is what remained of the statement then.
 */
export const InAppNotificationSchema = v.object({
  id: v.string(),
  reminder_id: v.string(),
  card_id: v.string(),
  due_date: DateSchema,
  amount_due: MoneySchema,
  fired_at: TimestampSchema,
})
export type InAppNotification = v.InferOutput<typeof InAppNotificationSchema>

/** A card's fired in-app reminders, newest first. */
export const InAppNotificationListSchema = v.object({ data: v.array(InAppNotificationSchema) })
export type InAppNotificationList = v.InferOutput<typeof InAppNotificationListSchema>

// ---- sandbox controls (served by the sandbox issuer only; no auth) ----

export const ScanOutcomeSchema = v.picklist([
  'success',
  'decline',
  'pending_then_success',
  'success_then_reversal',
  'no_result',
])

/** A till scanning a code: online (issued) or offline (code_prefix + seed_ref + TOTP). */
export const ScanRequestSchema = v.object({
  code: v.pipe(v.string(), v.regex(PAY_CODE, 'must be 19 digits starting 62')),
  /** In the card's currency; another is declined `currency_not_supported`. */
  amount: PositiveMoneySchema,
  merchant: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  outcome: ScanOutcomeSchema,
})
export type ScanRequest = v.InferOutput<typeof ScanRequestSchema>

export const ScanResultSchema = v.object({
  pay_code_id: v.string(),
  status: PayCodeStatusValueSchema,
  transaction_id: v.optional(v.string()),
  decline_reason: v.optional(DeclineReasonSchema),
})
export type ScanResult = v.InferOutput<typeof ScanResultSchema>

export const ClockSchema = v.object({ now: TimestampSchema })
export type Clock = v.InferOutput<typeof ClockSchema>

export const ClockAdvanceRequestSchema = v.object({
  seconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(400 * 86_400)),
})

/** A notification the sandbox would have sent (reminders whose day was reached). */
export const OutboxEntrySchema = v.object({
  id: v.string(),
  kind: v.literal('reminder'),
  card_id: v.string(),
  channel: ReminderChannelSchema,
  due_date: DateSchema,
  fired_at: TimestampSchema,
})
export type OutboxEntry = v.InferOutput<typeof OutboxEntrySchema>

export const OutboxSchema = v.object({ data: v.array(OutboxEntrySchema) })

export const FAULT_BODIES = ['malformed', 'truncated', 'missing_field', 'extra_field'] as const

/**
 * One fault rule: requests whose path matches `route` (a glob, `*` = one segment)
 * and `method` get the effects, with `probability` (seeded dice) at most `times` times.
 * The same effects are available per request with the `X-Sandbox-Fault` header, e.g.
 * `status=503;retry_after=2`, `latency=1500`, `body=truncated`, `content_type=text/html`,
 * `drop`, `token=expired`.
 */
export const FaultRuleSchema = v.object({
  route: v.pipe(v.string(), v.startsWith('/v1/')),
  method: v.optional(v.picklist(['GET', 'POST', 'PUT', 'DELETE'])),
  probability: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  latency_ms: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000))),
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599))),
  retry_after_s: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600))),
  body: v.optional(v.picklist(FAULT_BODIES)),
  // A header value: visible ASCII and spaces only (CR/LF or non-Latin-1 text would
  // make every matching answer fail to send).
  content_type: v.optional(
    v.pipe(v.string(), v.maxLength(128), v.regex(/^[\x20-\x7e]*$/, 'must be visible ASCII')),
  ),
  drop: v.optional(v.boolean()),
  token: v.optional(v.literal('expired')),
})
export type FaultRule = v.InferOutput<typeof FaultRuleSchema>

export const FaultRulesRequestSchema = v.object({
  seed: v.optional(v.pipe(v.number(), v.integer())),
  rules: v.array(FaultRuleSchema),
})
export type FaultRulesRequest = v.InferOutput<typeof FaultRulesRequestSchema>

export const FaultRulesResultSchema = v.object({ rules: v.pipe(v.number(), v.integer()) })

/** PIN entry opened again for every cardholder (the sandbox's lockouts cleared). */
export const PinLockoutClearResultSchema = v.object({ cleared: v.pipe(v.number(), v.integer()) })

export const ResetResultSchema = v.object({ reset: v.literal(true) })
