import crypto from 'node:crypto'

import type {
  CardBrand,
  DeclineReason,
  PayCodeStatusValue,
  ReminderChannel,
  TransactionStatus,
  TransactionType,
} from '@contract'

/** Bumped when SCHEMA changes: an older database file is dropped and seeded again. */
export const SCHEMA_VERSION = 9

/** Stored tokens and codes are SHA-256 hashes: a leaked database leaks no credential. */
export function hash(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex')
}

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, persona TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS cards (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), brand TEXT NOT NULL,
  last4 TEXT NOT NULL, product_name TEXT NOT NULL, currency TEXT NOT NULL,
  credit_limit INTEGER NOT NULL, posted INTEGER NOT NULL, pending INTEGER NOT NULL,
  updated_at TEXT NOT NULL, statement_day INTEGER NOT NULL, next_statement_date TEXT NOT NULL,
  late_fee INTEGER NOT NULL, locked INTEGER NOT NULL DEFAULT 0, lock_changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statements (
  card_id TEXT PRIMARY KEY REFERENCES cards(id), statement_date TEXT NOT NULL,
  due_date TEXT NOT NULL, statement_balance INTEGER NOT NULL, minimum_due INTEGER NOT NULL,
  paid_to_date INTEGER NOT NULL DEFAULT 0, paid_by_due INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS login_codes (code_hash TEXT PRIMARY KEY, used_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('access','refresh')),
  user_id TEXT NOT NULL, family TEXT NOT NULL, expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0, revoked INTEGER NOT NULL DEFAULT 0,
  successor_hash TEXT, grace_pair TEXT);
CREATE TABLE IF NOT EXISTS repayments (
  id TEXT PRIMARY KEY, card_id TEXT NOT NULL, user_id TEXT NOT NULL, amount INTEGER NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
  user_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
  state TEXT NOT NULL, status INTEGER, body TEXT, PRIMARY KEY (user_id, key));
CREATE TABLE IF NOT EXISTS pay_codes (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, card_id TEXT NOT NULL, mode TEXT NOT NULL,
  code_hash TEXT, expires_at INTEGER NOT NULL, status TEXT NOT NULL,
  amount INTEGER, merchant TEXT, updated_at INTEGER NOT NULL,
  seed_ref TEXT, secret TEXT, algorithm TEXT, period INTEGER, device_id TEXT,
  settle_at INTEGER, family TEXT, revoked_at INTEGER, transaction_id TEXT, decline_reason TEXT,
  currency TEXT);
CREATE TABLE IF NOT EXISTS transactions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL,
  card_id TEXT NOT NULL REFERENCES cards(id),
  type TEXT NOT NULL CHECK (type IN ('purchase','fee','repayment')),
  amount INTEGER NOT NULL CHECK (amount > 0), merchant TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','posted','declined','reversed')),
  decline_reason TEXT, created_at TEXT NOT NULL, post_at INTEGER, reverse_at INTEGER,
  posted_at TEXT, billed_on TEXT);
CREATE INDEX IF NOT EXISTS transactions_by_card ON transactions (card_id, created_at, seq);
CREATE INDEX IF NOT EXISTS transactions_pending ON transactions (status, post_at);
CREATE TABLE IF NOT EXISTS offline_used (seed_id TEXT NOT NULL, code_hash TEXT NOT NULL,
  PRIMARY KEY (seed_id, code_hash));
CREATE TABLE IF NOT EXISTS reminders (
  id TEXT PRIMARY KEY, card_id TEXT NOT NULL, channel TEXT NOT NULL, days_before INTEGER NOT NULL,
  time TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, card_id TEXT NOT NULL, channel TEXT NOT NULL,
  due_date TEXT NOT NULL, fired_at TEXT NOT NULL, reminder_id TEXT NOT NULL,
  amount_due INTEGER NOT NULL, UNIQUE (reminder_id, due_date));
-- A card's reminders and notifications are read by card: what a read costs does not
-- grow with other cards' rows.
CREATE INDEX IF NOT EXISTS reminders_by_card ON reminders (card_id);
-- The payment check: the PIN as a salted scrypt hash only, the offline check pair
-- (see PaymentCheckRow), the wrong-PIN count and the lockout (sandbox ms).
CREATE TABLE IF NOT EXISTS payment_checks (
  user_id TEXT PRIMARY KEY REFERENCES users(id), pin_hash TEXT, check_salt TEXT,
  check_digest TEXT, biometrics INTEGER NOT NULL DEFAULT 0, wrong INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER);
-- Step-up grants, hashed like tokens: the session family that proved the check, until when.
CREATE TABLE IF NOT EXISTS step_ups (
  token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, family TEXT NOT NULL,
  expires_at INTEGER NOT NULL);
-- SOTER challenges issued and not yet answered, hashed; each answers one proof.
CREATE TABLE IF NOT EXISTS soter_challenges (
  challenge_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS outbox_by_card ON outbox (card_id, channel, due_date);
`

export interface CardRow {
  id: string
  user_id: string
  brand: CardBrand
  last4: string
  product_name: string
  currency: string
  credit_limit: number
  posted: number
  pending: number
  updated_at: string
  /** The day of the month its cycles close on (a shorter month closes on its last day). */
  statement_day: number
  /** The statement date the current cycle closes on. */
  next_statement_date: string
  late_fee: number
  /** 1 while the cardholder has the card locked: no code is issued, every scan declined. */
  locked: number
  /** When the lock last changed (RFC 3339; the card's seeding until the first change). */
  lock_changed_at: string
}

/**
 * A cardholder's payment check. `pin_hash` is `scrypt$N$r$p$salt$key` (hex). The offline
 * check pair is HMAC-SHA256(key = check_salt, message = the PIN's digits), computed when
 * the PIN is set (the plain PIN is gone after that request) and handed out with every
 * seed provisioned while that PIN stands: one pair per user and PIN, not per seed.
 */
export interface PaymentCheckRow {
  user_id: string
  pin_hash: string | null
  check_salt: string | null
  check_digest: string | null
  biometrics: number
  /** Wrong PINs in a row since the last right one or lockout. */
  wrong: number
  /** PIN entry is locked until then (sandbox ms); null or past when open. */
  locked_until: number | null
}

export interface StatementRow {
  card_id: string
  statement_date: string
  due_date: string
  statement_balance: number
  minimum_due: number
  paid_to_date: number
  /** What was paid on or before the due date (the late fee is decided by it). */
  paid_by_due: number
}

export interface PayCodeRow {
  id: string
  user_id: string
  card_id: string
  mode: 'online' | 'offline'
  code_hash: string | null
  expires_at: number
  status: PayCodeStatusValue
  /** The latest payment's amount and currency, as the till asked them. */
  amount: number | null
  currency: string | null
  merchant: string | null
  updated_at: number
  seed_ref: string | null
  secret: string | null
  algorithm: string | null
  period: number | null
  device_id: string | null
  /** A pending payment (pending_then_success) turns succeeded at this sandbox time. */
  settle_at: number | null
  /** The session family that provisioned an offline seed (sign-out revokes its seeds). */
  family: string | null
  /** When an offline seed was revoked; its status keeps its last payment's result. */
  revoked_at: number | null
  /** The transaction its latest payment recorded, and why that was declined. */
  transaction_id: string | null
  decline_reason: DeclineReason | null
  /** The currency of the card it pays with (joined, not stored twice). */
  card_currency: string
  /** Whether that card is locked now (joined): every scan is declined `card_locked`. */
  card_locked: number
}

export interface ReminderRow {
  id: string
  card_id: string
  channel: ReminderChannel
  days_before: number
  /** HH:MM in the issuer's time zone. */
  time: string
  created_at: string
}

export interface TransactionRow {
  seq: number
  id: string
  card_id: string
  type: TransactionType
  amount: number
  merchant: string
  status: TransactionStatus
  decline_reason: DeclineReason | null
  created_at: string
  /** A pending one posts at this sandbox time (null: it stays pending). */
  post_at: number | null
  /** A pending one is reversed at this sandbox time (the merchant voids it). */
  reverse_at: number | null
  posted_at: string | null
  /** The statement date it was billed on; null while posted and unbilled. */
  billed_on: string | null
}
