import {
  type DeclineReason,
  type Money,
  type OfflineSeed,
  type OnlinePayCode,
  type PayCodeStatus,
  PAYMENT_PIN_RULES,
} from '@contract'
import { createStore, type StoreApi } from 'zustand/vanilla'

import { isIssuerError, type IssuerApi, type IssuerClock, IssuerError } from '@/issuer/client'
import type { OfflineVerdict } from '@/issuer/payment-check'
import { parseRfc3339, secondsLeftInStep } from '@/lib/offline-seed'
import { loadOfflineCodes, type OfflineCodes } from '@/platform/offline-codes'

import type { SeedVault } from './offline-seed-vault'

/**
 * `data-status` of `paycode-card`: `locked` (the card is locked: no code at all),
 * `check` (the payment check is asked before a code shows).
 */
export type PayCodePhase =
  'loading' | 'online' | 'offline' | 'error' | 'signed_out' | 'locked' | 'check'

/**
 * `data-status` of `paycode-result`: `reversed` when the merchant undid an approved
 * payment; `unknown` when the till gave no result within NO_RESULT_AFTER_MS.
 */
export type PaymentResultStatus =
  'none' | 'pending' | 'succeeded' | 'declined' | 'reversed' | 'unknown'

/** The code on screen. There is at most one, and never an expired or used one. */
export interface ShownCode {
  /** 19 digits. */
  value: string
  mode: 'online' | 'offline'
  /** The online code's id (offline: the seed's id). */
  id: string
  /** Device-clock ms at which the code leaves the screen. */
  deadline: number
}

export interface PaymentResult {
  status: PaymentResultStatus
  payCodeId?: string
  amount?: Money
  merchant?: string
  /** Why the issuer declined it (status `declined`). */
  declineReason?: DeclineReason
  /** Device-clock ms of the first `pending` word on this payment (status pending/unknown). */
  pendingSince?: number
}

export interface PayCodeState {
  phase: PayCodePhase
  code?: ShownCode
  /** Whole seconds until the code changes (online: its expiry; offline: the TOTP step). */
  secondsLeft: number
  /** The latest payment made with one of this widget's codes. */
  result: PaymentResult
  /** Why there is no code (phase error/signed_out), or why we are offline. */
  error?: IssuerError
  /** Digits shown in clear; false again for every new code. */
  revealed: boolean
  /** Phase `check`: the issuer checks the PIN, or (offline) the device against the seed. */
  check?: 'online' | 'offline'
}

export type PayCodeApi = Pick<
  IssuerApi,
  'createOnlinePayCode' | 'provisionOfflineSeed' | 'waitForPayCodeStatus' | 'revokePayCode'
>

export interface PayCodeDeps {
  api: PayCodeApi
  seeds: SeedVault
  now?: () => number
  /** The client's shared issuer clock: the skew measured here is reported to it. */
  clock?: Pick<IssuerClock, 'observe'>
  /**
   * A payment with one of the card's codes was reported (pending, succeeded or
   * declined): the card's balance and transactions have moved.
   */
  onPayment?: (cardId: string) => void
  /** Where the offline-code functions come from (src/platform/offline-codes/). */
  offlineCodes?: () => Promise<OfflineCodes>
  /** The payment check's passes (src/issuer/payment-check): none means no check is asked. */
  stepUp?: StepUpPasses
  /** The device knows the card is locked (its cached card list says so). */
  isLocked?: (cardId: string) => boolean
  /** The issuer said the card is locked (`card_locked`). */
  onLocked?: (cardId: string) => void
}

export interface StepUpPasses {
  token(): string | undefined
  passed(): boolean
  passOffline(forMs: number): void
}

/** An online code is replaced this long before the issuer's expiry. */
export const REFRESH_BEFORE_MS = 5_000
/**
 * The seed is provisioned (or its renewal checked) this long after an online code is
 * shown, not with it: its request, storage and encryption would otherwise compete with
 * drawing the QR on a slow device.
 */
export const SEED_AFTER_CODE_MS = 1_000
/**
 * The skew kept with the seed is written again when the measured one moved further than
 * this (a tenth of a TOTP step: well inside the issuer's ±1 step, and not a secure-store
 * write per online code for the jitter of request latency).
 */
export const SKEW_RESAVE_MS = 3_000
/** A seed is renewed once it has less than this left (the sandbox gives 7 days). */
export const SEED_RENEW_BEFORE_MS = 24 * 3600_000
/**
 * Offline with the device still reporting a network (the issuer is what is gone): first
 * reconnect probe after this, doubling up to PROBE_MAX_MS, so never more than one
 * request a minute. While the device reports no network there is no probe at all: its
 * return (and the refresh button) probes at once.
 */
export const PROBE_FIRST_MS = 30_000
export const PROBE_MAX_MS = 60_000
/**
 * A payment still `pending` this long after it was first reported has no result the
 * cardholder can wait for at the till (a till gives up within a minute): the widget says
 * so and points to the transactions. A later answer still replaces it.
 */
export const NO_RESULT_AFTER_MS = 60_000
/** Long-polls per online code (25 s each): more than any code's lifetime. */
export const MAX_POLLS_PER_CODE = 6
/** A failed result poll is tried again after this, doubling up to POLL_RETRY_MAX_MS. */
export const POLL_RETRY_FIRST_MS = 1_000
export const POLL_RETRY_MAX_MS = 4_000
/** Consecutive failed polls after which a code's result is unknown: it is replaced. */
export const POLL_FAILURES_BEFORE_REPLACE = 2
/** Failed polls of one code after which polling it gives up. */
export const MAX_POLL_FAILURES = 6
/** Codes replaced in a row for an unknown result before the widget shows the error instead. */
export const MAX_UNKNOWN_REPLACEMENTS = 3
/**
 * Beyond this disagreement between the device's clock and the issuer's, `expires_at`
 * cannot be read on the device clock and the issuer's `ttl_s` is counted instead.
 */
export const CLOCK_SKEW_TOLERANCE_MS = 30_000

const INITIAL: PayCodeState = {
  phase: 'loading',
  secondsLeft: 0,
  result: { status: 'none' },
  revealed: false,
}

const unreachable = (error: unknown) =>
  isIssuerError(error) && (error.kind === 'network' || error.kind === 'timeout')

/**
 * The pay-code state machine, one per mounted widget (its only owner); nothing is
 * persisted but the offline seed. Every async continuation carries the `run` it was
 * started in and does nothing once `stop()` or a new `start()` has moved on, so loops
 * end on unmount, on hide and on a card switch.
 *
 * Online: a code from the issuer, replaced REFRESH_BEFORE_MS before its expiry, its
 * result long-polled; a used (pending/succeeded/declined), expired or revoked code
 * leaves the screen at once and a fresh one is fetched. Offline (the issuer does not
 * answer): TOTP codes from the provisioned seed, one per step, and no request but a
 * reconnect probe with doubling intervals, none while the device reports no network;
 * the first answer brings online codes back.
 *
 * The invariant: an online code is on screen only while it has not expired and the
 * issuer's latest word on it is `active`. A result poll that fails in any way (429 or
 * 503 after the transport's retries, a malformed body, 404) is tried again with
 * backoff (POLL_RETRY_FIRST_MS doubling to POLL_RETRY_MAX_MS) while the code lives; after
 * POLL_FAILURES_BEFORE_REPLACE failures in a row its result is unknown (it may have
 * been used), so it leaves the screen for a fresh code, and the old one is still polled
 * for its result. An unreachable issuer goes offline instead (no online code shown).
 */
export class PayCodeController {
  readonly store: StoreApi<PayCodeState> = createStore<PayCodeState>(() => INITIAL)
  private readonly api: PayCodeApi
  private readonly seeds: SeedVault
  private readonly now: () => number
  private readonly clock?: Pick<IssuerClock, 'observe'>
  private readonly onPayment?: (cardId: string) => void
  private readonly stepUp?: StepUpPasses
  private readonly isLocked: (cardId: string) => boolean
  private readonly onLocked?: (cardId: string) => void
  private run = 0
  private cardId?: string
  private seed?: OfflineSeed
  private seedCardId?: string
  private fetching = false
  private provisioning = false
  private tickTimer?: ReturnType<typeof setTimeout>
  private probeTimer?: ReturnType<typeof setTimeout>
  private seedTimer?: ReturnType<typeof setTimeout>
  private readonly loadCodes: () => Promise<OfflineCodes>
  /** The offline-code functions once loaded (the web builds load them after the first code). */
  private codes?: OfflineCodes
  private probeDelay = PROBE_FIRST_MS
  /** False while the platform's network events say the device has no network. */
  private deviceOnline = true
  /** Device-clock ms when offline mode began (to pick up offline payments afterwards). */
  private offlineSince?: number
  /** Issuer clock minus device clock, as last measured (or as kept with the seed). */
  private skewMs = 0
  /** Whether skewMs was measured on an online code since this controller was made. */
  private skewMeasured = false
  /** The skew kept with the stored seed. */
  private seedSkewMs?: number
  /** Codes replaced in a row because their result could not be learnt. */
  private unknownReplacements = 0
  /** New codes shown since the result on screen: the second one takes a final result away. */
  private codesSinceResult = 0
  private noResultTimer?: ReturnType<typeof setTimeout>

  constructor(deps: PayCodeDeps) {
    this.api = deps.api
    this.seeds = deps.seeds
    this.now = deps.now ?? Date.now
    this.clock = deps.clock
    this.onPayment = deps.onPayment
    this.loadCodes = deps.offlineCodes ?? loadOfflineCodes
    this.stepUp = deps.stepUp
    this.isLocked = deps.isLocked ?? (() => false)
    this.onLocked = deps.onLocked
  }

  private get state(): PayCodeState {
    return this.store.getState()
  }

  private set(patch: Partial<PayCodeState>): void {
    this.store.setState(patch)
  }

  /** A payment's result on screen, and the card's figures told that money moved. */
  private showResult(payCodeId: string, status: PayCodeStatus): void {
    if (
      status.status !== 'pending' &&
      status.status !== 'succeeded' &&
      status.status !== 'declined' &&
      status.status !== 'reversed'
    )
      return
    const current = this.state.code
    // The code beside the result is the one that replaced the paid code (counted when it
    // comes), unless another is already up.
    this.codesSinceResult = current && current.id !== payCodeId ? 1 : 0
    clearTimeout(this.noResultTimer)
    let pendingSince: number | undefined
    if (status.status === 'pending') {
      // Counted from the first word of this payment, not from each repeat of it.
      const previous = this.state.result
      pendingSince =
        previous.payCodeId === payCodeId && previous.status === 'pending'
          ? (previous.pendingSince ?? this.now())
          : this.now()
      this.armNoResult(payCodeId, pendingSince)
    }
    this.set({
      result: {
        status: status.status,
        payCodeId,
        amount: status.amount,
        merchant: status.merchant,
        declineReason: status.decline_reason,
        pendingSince,
      },
    })
    if (this.cardId) this.onPayment?.(this.cardId)
  }

  /** Shows codes for `cardId` (again): called when the widget becomes visible. */
  start(cardId: string): void {
    this.stop()
    const run = this.run
    // A payment's result belongs to the card that paid: another card starts without it.
    if (this.cardId !== undefined && this.cardId !== cardId) this.clearResult()
    this.cardId = cardId
    if (this.seedCardId !== cardId) {
      this.seed = undefined
      this.seedSkewMs = undefined
      this.seedCardId = cardId
    }
    this.probeDelay = PROBE_FIRST_MS
    // A card the device knows is locked asks for no code, online or offline.
    if (this.isLocked(cardId)) {
      this.set({ phase: 'locked', code: undefined, error: undefined, revealed: false })
      return
    }
    this.set({ phase: 'loading', code: undefined, error: undefined, revealed: false })
    void this.fetchOnline(run)
    this.tick(run)
    // Shown again with a payment still pending: it is followed again, to its end.
    const { result } = this.state
    if (result.status === 'pending' && result.payCodeId) {
      this.armNoResult(result.payCodeId, result.pendingSince ?? this.now())
      void this.pollResult(run, result.payCodeId, 'pending')
    }
  }

  /** Takes a payment's result off the screen (a sign-out, another card, the cardholder). */
  clearResult(): void {
    clearTimeout(this.noResultTimer)
    this.codesSinceResult = 0
    this.set({ result: { status: 'none' } })
  }

  private armNoResult(payCodeId: string, pendingSince: number): void {
    clearTimeout(this.noResultTimer)
    this.noResultTimer = setTimeout(
      () => this.noResult(payCodeId),
      Math.max(0, pendingSince + NO_RESULT_AFTER_MS - this.now()),
    )
  }

  /** A payment still pending at NO_RESULT_AFTER_MS: no result the cardholder can wait for. */
  private noResult(payCodeId: string): void {
    const { result } = this.state
    if (result.payCodeId !== payCodeId || result.status !== 'pending') return
    // Beside the code on screen now, and gone with the next one, like a final result.
    this.codesSinceResult = 1
    this.set({ result: { ...result, status: 'unknown' } })
  }

  /**
   * A new code is on screen: a final result stays beside the code that replaced the paid
   * one and leaves with the next, so a result never speaks for a later code.
   */
  private codeChanged(): void {
    const { status } = this.state.result
    if (status === 'none' || status === 'pending') return
    this.codesSinceResult += 1
    if (this.codesSinceResult >= 2) this.clearResult()
  }

  /** Hides the code and ends every loop and timer (hide, unmount); revokes an online code. */
  stop(): void {
    this.run += 1
    clearTimeout(this.tickTimer)
    clearTimeout(this.probeTimer)
    clearTimeout(this.seedTimer)
    clearTimeout(this.noResultTimer)
    this.fetching = false
    const code = this.state.code
    if (code?.mode === 'online') void this.api.revokePayCode(code.id).catch(() => undefined)
    this.set({
      phase: 'loading',
      code: undefined,
      revealed: false,
      secondsLeft: 0,
      check: undefined,
    })
  }

  /** Manual refresh: online, revoke the code and fetch another; offline, probe the issuer now. */
  refresh(): void {
    const run = this.run
    if (!this.cardId) return
    this.set({ result: { status: 'none' } })
    const { phase } = this.state
    if (phase === 'locked') return
    if (phase === 'offline' || phase === 'check' || (phase === 'error' && this.offlineSince)) {
      this.set({ check: undefined })
      clearTimeout(this.probeTimer)
      this.probeDelay = PROBE_FIRST_MS
      void this.fetchOnline(run)
      return
    }
    const old = this.state.code
    if (old?.mode === 'online') {
      this.set({ code: undefined, revealed: false })
      void this.api.revokePayCode(old.id).catch(() => undefined)
    }
    if (!this.state.code) this.set({ phase: 'loading' })
    void this.fetchOnline(run)
  }

  /**
   * The device's own network events: losing the network goes offline at once (an
   * in-flight long-poll may otherwise hang until its timeout) and stops the reconnect
   * probes (a request with no network only wakes the radio); regaining it probes now.
   */
  networkChanged(online: boolean): void {
    const run = this.run
    this.deviceOnline = online
    if (!online) clearTimeout(this.probeTimer)
    if (!this.cardId) return
    const { phase } = this.state
    if (!online && (phase === 'online' || phase === 'loading')) {
      void this.goOffline(run, new IssuerError({ kind: 'network', message: 'device offline' }))
    } else if (online && this.offlineSince !== undefined) {
      clearTimeout(this.probeTimer)
      this.probeDelay = PROBE_FIRST_MS
      void this.fetchOnline(run)
    }
  }

  setRevealed(revealed: boolean): void {
    this.set({ revealed })
  }

  // ---- online ----

  private async fetchOnline(run: number): Promise<void> {
    const cardId = this.cardId
    if (this.fetching || !cardId) return
    this.fetching = true
    const started = this.now()
    try {
      const { data } = await this.api.createOnlinePayCode(cardId, this.stepUp?.token())
      if (!data) throw new IssuerError({ kind: 'malformed', message: 'empty pay code answer' })
      if (run !== this.run) {
        void this.api.revokePayCode(data.id).catch(() => undefined)
        return
      }
      this.fetching = false
      this.showOnline(run, data, started)
    } catch (error) {
      if (run !== this.run) return
      this.fetching = false
      this.failed(run, error)
    } finally {
      if (run === this.run) this.fetching = false
    }
  }

  private showOnline(run: number, data: OnlinePayCode, started: number): void {
    const ttlMs = data.ttl_s * 1000
    const expiresAt = parseRfc3339(data.expires_at)
    // The issuer's clock at issue is about expires_at - ttl_s; we asked at `started`.
    const skew = expiresAt === undefined ? undefined : expiresAt - ttlMs - started
    if (skew !== undefined) {
      this.skewMs = skew
      this.skewMeasured = true
    }
    if (expiresAt !== undefined) this.clock?.observe(expiresAt - ttlMs, started, this.now())
    const deadline =
      expiresAt !== undefined && skew !== undefined && Math.abs(skew) <= CLOCK_SKEW_TOLERANCE_MS
        ? Math.min(expiresAt, started + ttlMs)
        : started + ttlMs
    const wasOffline = this.offlineSince
    this.offlineSince = undefined
    clearTimeout(this.probeTimer)
    this.probeDelay = PROBE_FIRST_MS
    this.codeChanged()
    this.set({
      phase: 'online',
      code: { value: data.code, mode: 'online', id: data.id, deadline },
      secondsLeft: Math.max(0, Math.ceil((deadline - this.now()) / 1000)),
      error: undefined,
      revealed: false,
    })
    // The long-poll starts in a task of its own, after the render that draws the QR:
    // building and sending its request would otherwise come first (~10 ms on a slow
    // device, in every code's time to the screen).
    setTimeout(() => {
      if (run === this.run) void this.pollResult(run, data.id, 'active')
    }, 0)
    clearTimeout(this.seedTimer)
    this.seedTimer = setTimeout(() => void this.ensureSeed(run), SEED_AFTER_CODE_MS)
    if (wasOffline !== undefined) void this.offlineResult(run, wasOffline)
  }

  private failed(run: number, error: unknown): void {
    const issuerError = isIssuerError(error)
      ? error
      : new IssuerError({ kind: 'malformed', message: String(error) })
    if (unreachable(issuerError)) {
      void this.goOffline(run, issuerError)
      return
    }
    if (issuerError.code === 'card_locked') {
      this.set({ phase: 'locked', code: undefined, error: undefined, revealed: false })
      if (this.cardId) this.onLocked?.(this.cardId)
      return
    }
    if (issuerError.code === 'step_up_required') {
      this.set({
        phase: 'check',
        check: 'online',
        code: undefined,
        error: undefined,
        revealed: false,
      })
      return
    }
    this.set({
      phase: issuerError.kind === 'signed_out' ? 'signed_out' : 'error',
      code: undefined,
      error: issuerError,
      revealed: false,
    })
  }

  /**
   * Long-polls one code's result, a bounded number of times. A use takes the code off
   * the screen and fetches a fresh one; a pending payment is followed to its end; a
   * failed poll is retried with backoff and, failing again, replaces the code (see the
   * class comment: no code stays on screen with an unknown result).
   */
  private async pollResult(run: number, id: string, since: PayCodeStatus['status']) {
    let last = since
    let failures = 0
    for (let poll = 0; poll < MAX_POLLS_PER_CODE && failures < MAX_POLL_FAILURES;) {
      let status: PayCodeStatus
      try {
        const { data } = await this.api.waitForPayCodeStatus(id, last)
        if (!data) throw new IssuerError({ kind: 'malformed', message: 'empty status answer' })
        status = data
      } catch (error) {
        if (run !== this.run) return
        const current = this.state.code?.id === id
        if (current && unreachable(error)) {
          void this.goOffline(run, error as IssuerError)
          return
        }
        failures += 1
        if (current && failures >= POLL_FAILURES_BEFORE_REPLACE) this.replaceUnknownCode(run, error)
        const retryAfter = isIssuerError(error) ? error.retryAfterMs : undefined
        const delay = Math.min(
          POLL_RETRY_MAX_MS,
          retryAfter ?? POLL_RETRY_FIRST_MS * 2 ** (failures - 1),
        )
        await new Promise((resolve) => setTimeout(resolve, delay))
        if (run !== this.run) return
        continue
      }
      if (run !== this.run) return
      poll += 1
      failures = 0
      const current = this.state.code?.id === id
      if (current) this.unknownReplacements = 0
      const changed = status.status !== last
      last = status.status
      switch (status.status) {
        case 'active':
          if (!current) return
          continue
        case 'pending':
        case 'succeeded':
        case 'declined':
        case 'reversed':
          // A wait that ended with no change says nothing new (the result may be gone).
          if (changed) this.showResult(id, status)
          if (current) this.replaceUsedCode(run)
          if (status.status === 'declined' || status.status === 'reversed') return
          // An approval may still be reversed by the merchant: it is followed while it is
          // the result on screen (within this loop's bound); a pending one to its end.
          if (status.status === 'succeeded' && this.state.result.payCodeId !== id) return
          continue
        case 'expired':
        case 'revoked':
          if (current) this.replaceUsedCode(run)
          return
      }
    }
    // Polling gave up: a code whose result is unknown does not stay on screen.
    if (run === this.run && this.state.code?.id === id) {
      this.replaceUnknownCode(run, new IssuerError({ kind: 'malformed', message: 'no result' }))
    }
  }

  /**
   * A code whose result cannot be learnt leaves the screen for a fresh one; after
   * MAX_UNKNOWN_REPLACEMENTS in a row the widget shows the error (with its retry)
   * instead of churning codes against an issuer that cannot say what happened.
   */
  private replaceUnknownCode(run: number, error: unknown): void {
    this.unknownReplacements += 1
    if (this.unknownReplacements >= MAX_UNKNOWN_REPLACEMENTS) {
      this.unknownReplacements = 0
      this.failed(run, error)
      return
    }
    this.replaceUsedCode(run)
  }

  private replaceUsedCode(run: number): void {
    this.set({ code: undefined, revealed: false, phase: 'loading' })
    void this.fetchOnline(run)
  }

  // ---- offline ----

  private async loadSeed(): Promise<OfflineSeed | undefined> {
    const cardId = this.cardId
    if (!cardId) return undefined
    if (!this.seed) {
      const stored = await this.seeds.load(cardId)
      this.seed = stored?.seed
      this.seedSkewMs = stored?.skewMs
      // A cold start with no network: the skew measured when the seed was kept is the
      // best word on the issuer's clock there is.
      if (stored && !this.skewMeasured) this.skewMs = stored.skewMs
    }
    return this.seedCardId === cardId ? this.seed : undefined
  }

  private async offlineCodes(): Promise<OfflineCodes> {
    this.codes ??= await this.loadCodes()
    return this.codes
  }

  /** Provisions (or renews) the card's seed while the issuer answers. Failures wait for the next code. */
  private async ensureSeed(run: number): Promise<void> {
    const cardId = this.cardId
    if (this.provisioning || !cardId) return
    this.provisioning = true
    try {
      // Loaded before the seed is asked for: a seed is only worth having with them.
      const codes = await this.offlineCodes()
      const seed = await this.loadSeed()
      // A grant means the cardholder has a PIN: a seed without its check material (made
      // before the PIN was set) is replaced.
      const stepUp = this.stepUp?.token()
      const checked = seed?.pin_check !== undefined || stepUp === undefined
      if (
        seed &&
        checked &&
        codes.isSeedUsable(seed, this.now() + this.skewMs, SEED_RENEW_BEFORE_MS)
      ) {
        const kept = this.seedSkewMs
        if (kept === undefined || Math.abs(kept - this.skewMs) > SKEW_RESAVE_MS) {
          await this.keepSeed(cardId, seed)
        }
        return
      }
      const deviceId = await this.seeds.deviceId()
      if (run !== this.run) return
      const { data } = await this.api.provisionOfflineSeed(cardId, deviceId, stepUp)
      if (!data || this.cardId !== cardId) return
      this.seed = data
      this.seedCardId = cardId
      await this.keepSeed(cardId, data)
    } catch {
      // The current seed (if any) still serves; the next online code tries again.
    } finally {
      this.provisioning = false
    }
  }

  /** Stores the seed with the skew measured now. */
  private async keepSeed(cardId: string, seed: OfflineSeed): Promise<void> {
    const skewMs = this.skewMs
    await this.seeds.save(cardId, { seed, skewMs })
    if (this.cardId === cardId) this.seedSkewMs = skewMs
  }

  private async goOffline(run: number, error: IssuerError): Promise<void> {
    const seed = await this.loadSeed().catch(() => undefined)
    const codes = await this.offlineCodes().catch(() => undefined)
    if (run !== this.run) return
    this.offlineSince ??= this.now()
    if (this.cardId && this.isLocked(this.cardId)) {
      // Never an offline code for a card the device knows is locked.
      this.set({ phase: 'locked', code: undefined, error: undefined, revealed: false })
    } else if (seed && codes?.isSeedUsable(seed, this.now() + this.skewMs, 0)) {
      if (seed.pin_check && !this.stepUp?.passed()) {
        this.set({ phase: 'check', check: 'offline', code: undefined, error, revealed: false })
      } else {
        this.set({ phase: 'offline', error, check: undefined })
        this.showOffline(seed)
      }
    } else {
      this.set({ phase: 'error', code: undefined, error, revealed: false })
    }
    this.scheduleProbe(run)
  }

  /**
   * The TOTP code for now on the issuer's clock (device clock plus the skew measured on
   * the last online code), so a device whose clock drifted still yields codes the
   * issuer accepts (it allows ±1 step).
   */
  private showOffline(seed: OfflineSeed): void {
    const now = this.now()
    const issuerNow = now + this.skewMs
    const codes = this.codes
    if (!codes?.isSeedUsable(seed, issuerNow, 0)) {
      this.set({ phase: 'error', code: undefined, revealed: false })
      return
    }
    const value = codes.offlinePayCode(seed, issuerNow)
    const secondsLeft = secondsLeftInStep(seed.period, issuerNow)
    const current = this.state.code
    if (current?.value === value) {
      if (this.state.secondsLeft !== secondsLeft) this.set({ secondsLeft })
      return
    }
    this.codeChanged()
    this.set({
      code: { value, mode: 'offline', id: seed.id, deadline: now + secondsLeft * 1000 },
      secondsLeft,
      revealed: false,
    })
  }

  /**
   * Offline with a PIN: the PIN checked against the seed's material (never the PIN
   * itself, which the device does not have). PAYMENT_PIN_RULES.attempts wrong in a row,
   * counted with the seed so a restart does not reset them, and the seed is deleted: the
   * next code needs the issuer.
   */
  async verifyOfflinePin(pin: string): Promise<OfflineVerdict> {
    const cardId = this.cardId
    const seed = this.seed
    const codes = this.codes
    if (!cardId || !seed?.pin_check || !codes) return { ok: false, attemptsLeft: 0 }
    const stored = await this.seeds.load(cardId)
    const misses = stored?.pinMisses ?? 0
    if (codes.checkPin(seed.pin_check, pin)) {
      if (misses > 0) await this.seeds.save(cardId, { seed, skewMs: this.skewMs, pinMisses: 0 })
      this.stepUp?.passOffline(PAYMENT_PIN_RULES.stepUpTtlS * 1000)
      if (this.state.phase === 'check') {
        this.set({ phase: 'offline', check: undefined })
        this.showOffline(seed)
      }
      return { ok: true, attemptsLeft: PAYMENT_PIN_RULES.attempts }
    }
    const attemptsLeft = Math.max(0, PAYMENT_PIN_RULES.attempts - misses - 1)
    if (attemptsLeft > 0) {
      await this.seeds.save(cardId, { seed, skewMs: this.skewMs, pinMisses: misses + 1 })
    } else {
      await this.seeds.remove(cardId)
      this.seed = undefined
    }
    return { ok: false, attemptsLeft }
  }

  private scheduleProbe(run: number): void {
    clearTimeout(this.probeTimer)
    if (!this.deviceOnline) return
    const delay = this.probeDelay
    this.probeDelay = Math.min(PROBE_MAX_MS, this.probeDelay * 2)
    this.probeTimer = setTimeout(() => {
      if (run === this.run) void this.fetchOnline(run)
    }, delay)
  }

  /** Back online: a payment made with an offline code meanwhile is shown (and followed if pending). */
  private async offlineResult(run: number, since: number): Promise<void> {
    const seed = this.seed
    if (!seed) return
    try {
      const { data } = await this.api.waitForPayCodeStatus(seed.id, 'active', 0)
      if (run !== this.run || !data || data.status === 'active') return
      const updated = parseRfc3339(data.updated_at)
      // updated_at is on the issuer's clock; compare on it, with a step's grace.
      if (updated === undefined || updated < since + this.skewMs - seed.period * 1000) return
      if (data.status === 'revoked' || data.status === 'expired') return
      this.showResult(seed.id, data)
      if (data.status === 'pending' || data.status === 'succeeded') {
        void this.pollResult(run, seed.id, data.status)
      }
    } catch {
      // Only a courtesy: the payment itself is settled by the issuer either way.
    }
  }

  // ---- clock ----

  /** Once a second (on the second): countdown, expiry, auto-refresh, the offline step. */
  private tick(run: number): void {
    if (run !== this.run) return
    const now = this.now()
    const { code, phase } = this.state
    if (phase === 'offline' && this.seed) {
      this.showOffline(this.seed)
    } else if (code?.mode === 'online') {
      if (now >= code.deadline) {
        // Never on screen past its expiry, whatever the network does.
        this.set({ code: undefined, revealed: false, secondsLeft: 0, phase: 'loading' })
      } else {
        const secondsLeft = Math.ceil((code.deadline - now) / 1000)
        if (secondsLeft !== this.state.secondsLeft) this.set({ secondsLeft })
      }
      if (now >= code.deadline - REFRESH_BEFORE_MS) void this.fetchOnline(run)
    }
    const delay = 1000 - (now % 1000) + 5
    this.tickTimer = setTimeout(() => this.tick(run), delay)
  }
}
