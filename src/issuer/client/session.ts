import { issuerRoute, SessionSchema } from '@contract'
import { create } from 'zustand'

import type { LoginCode } from '@/platform/login'
import type { KeyValueStore } from '@/platform/storage'

import { IssuerError } from './errors'
import type { AuthHooks, Transport } from './transport'

/**
 * Where the cardholder's session stands; widgets show a sign-in state on `signed_out`
 * only. `unreachable`: the last sign-in or renewal got no answer (offline, timeout,
 * 5xx); the next call simply tries again, it is not a sign-out.
 */
export type SessionStatus = 'anonymous' | 'signing_in' | 'signed_in' | 'unreachable' | 'signed_out'

interface SessionState {
  status: SessionStatus
  setStatus(status: SessionStatus): void
}

/** The session's status for the UI (one store per domain; tokens never enter it). */
export const useSessionStore = create<SessionState>()((set) => ({
  status: 'anonymous',
  setStatus: (status) => set({ status }),
}))

/** The session's status, re-rendering the component when it changes. */
export function useSessionStatus(): SessionStatus {
  return useSessionStore((state) => state.status)
}

const REFRESH_KEY = 'cardlet.session.refresh'

/** The problem code of the error thrown when the host mini-program gives no usable token. */
export const HOST_TOKEN_UNAVAILABLE = 'host_token_unavailable'

/** Who owns the sign-in: Cardlet (platform login code + refresh) or the embedding host. */
export type SessionMode = 'cardlet' | 'host'

/** How the embedding host hands Cardlet an access token (see `Session.useHostSession`). */
export type HostTokenSource = () => Promise<string> | string

export interface HostSessionOptions {
  /** How long one call of the host's getToken may take before it counts as no token. */
  timeoutMs?: number
}

const DEFAULT_HOST_TIMEOUT_MS = 5000

/** The issuer refused the credential (as opposed to not answering): a real sign-out. */
function refused(error: unknown): boolean {
  return (
    error instanceof IssuerError &&
    (error.status === 400 || error.status === 401 || error.status === 422)
  )
}

/**
 * Login, token storage and renewal. Tokens stay in this object and in the platform's
 * secure store, never in app state or logs. Renewal is single-flight: any number of
 * concurrent 401s cause one refresh, and exactly one refresh is in flight at a time.
 * Only a refusal by the issuer (an unknown login code, an expired refresh token, an
 * old one replayed, which revokes the family) signs the user out, and only an explicit
 * `signIn()` starts a new session after that; no answer at all (offline, timeout, 5xx)
 * leaves the status `unreachable` and the next call tries again.
 *
 * In host mode (`useHostSession`) the embedding mini-program owns the sign-in: tokens
 * come from its getToken, nothing is sent to /v1/auth and no refresh token exists.
 */
export class Session implements AuthHooks {
  private access?: string
  private refreshToken?: string
  private pending?: Promise<void>
  private host?: { getToken: HostTokenSource; timeoutMs: number }
  /** Bumped by a sign-out or a change of mode: a host answer that arrives later is void. */
  private epoch = 0
  private readonly signOutListeners = new Set<() => Promise<void> | void>()
  private readonly authRequiredListeners = new Set<() => void>()

  constructor(
    private readonly transport: Transport,
    private readonly store: KeyValueStore,
    private readonly loginCode: () => Promise<LoginCode>,
  ) {}

  private set status(status: SessionStatus) {
    useSessionStore.getState().setStatus(status)
  }

  private get status(): SessionStatus {
    return useSessionStore.getState().status
  }

  get mode(): SessionMode {
    return this.host ? 'host' : 'cardlet'
  }

  /**
   * Hands the sign-in to the mini-program that embeds the widgets: from now on the
   * access token is whatever `getToken` answers (a string, or a promise of one, within
   * `timeoutMs`, default 5000). Cardlet then never calls /v1/auth and keeps no refresh
   * token; a token the issuer refuses is asked for again once, and a host with no
   * usable token signs the widgets out until `signIn()`. Call it once, at start.
   */
  useHostSession(getToken: HostTokenSource, options: HostSessionOptions = {}): void {
    this.host = { getToken, timeoutMs: options.timeoutMs ?? DEFAULT_HOST_TIMEOUT_MS }
    this.epoch += 1
    this.access = undefined
    this.refreshToken = undefined
    this.pending = undefined
    this.status = 'anonymous'
  }

  async accessToken(): Promise<string> {
    if (this.access) return this.access
    if (this.status === 'signed_out') {
      throw this.host
        ? signedOut('signed out: the host must sign in again', HOST_TOKEN_UNAVAILABLE)
        : signedOut('signed out: sign in again')
    }
    await (this.pending ??
      this.singleFlight(() => (this.host ? this.askHost() : this.restoreOrSignIn())))
    if (!this.access) throw signedOut('no session')
    return this.access
  }

  /**
   * Starts a new session (also after a sign-out): from a fresh platform login code, or
   * in host mode by asking the host for a token again (a widget's sign-in button).
   */
  signIn(): Promise<void> {
    if (this.pending) return this.pending
    this.status = 'signing_in'
    if (this.host) this.access = undefined
    return this.singleFlight(() => (this.host ? this.askHost() : this.exchangeCode()))
  }

  /**
   * Runs `listener` on every sign-out, after the issuer was told (it revokes the
   * session's offline seeds) and before the status turns `signed_out`: the pay code
   * deletes its seeds here. Returns the unsubscribe function.
   */
  onSignOut(listener: () => Promise<void> | void): () => void {
    this.signOutListeners.add(listener)
    return () => this.signOutListeners.delete(listener)
  }

  /**
   * Runs `listener` whenever the session turns `signed_out` because the issuer or the
   * host refused (not on an explicit `signOut()`): the host can start its own sign-in.
   * Returns the unsubscribe function.
   */
  onAuthRequired(listener: () => void): () => void {
    this.authRequiredListeners.add(listener)
    return () => this.authRequiredListeners.delete(listener)
  }

  renew(rejectedToken: string): Promise<void> {
    if (this.access && this.access !== rejectedToken) return Promise.resolve()
    if (this.pending) return this.pending
    if (this.host) {
      // A 401 that arrives after the host already failed: no new question to the host.
      if (this.status === 'signed_out') {
        return Promise.reject(
          signedOut('signed out: the host must sign in again', HOST_TOKEN_UNAVAILABLE),
        )
      }
      this.access = undefined
      return this.singleFlight(() => this.askHost(rejectedToken))
    }
    return this.singleFlight(() => this.refresh())
  }

  async signOut(): Promise<void> {
    if (this.host) {
      // The session is the host's: it is only forgotten here, never ended on the issuer.
      this.epoch += 1
      this.access = undefined
      this.pending = undefined
      await this.runSignOutListeners()
      this.status = 'signed_out'
      return
    }
    if (this.access) {
      await this.transport
        .send({ ...issuerRoute('deleteSession', {}), schema: null })
        .catch(() => undefined)
    }
    await this.forget()
    await this.runSignOutListeners()
    this.status = 'signed_out'
  }

  /**
   * One piece of sign-in work at a time, shared by every caller that arrives while it
   * runs. Only the flight that is still current clears itself, so a flight dropped by
   * a host-mode sign-out or `useHostSession` cannot clear the one started after it.
   */
  private singleFlight(work: () => Promise<void>): Promise<void> {
    const flight: Promise<void> = work().finally(() => {
      if (this.pending === flight) this.pending = undefined
    })
    this.pending = flight
    return flight
  }

  private async runSignOutListeners(): Promise<void> {
    await Promise.all([...this.signOutListeners].map(async (listener) => listener())).catch(
      () => undefined,
    )
  }

  /** The issuer or the host refused: signed out, and the host is told once per sign-out. */
  private refusedSignOut(): void {
    const already = this.status === 'signed_out'
    this.status = 'signed_out'
    if (already) return
    for (const listener of [...this.authRequiredListeners]) {
      try {
        listener()
      } catch {
        // A listener's failure is the listener's; the sign-out itself stands.
      }
    }
  }

  /**
   * Asks the host for a token once. Any answer other than a non-empty string within the
   * timeout (a rejection, a throw, silence, or the very token the issuer just refused)
   * signs out: asking again would only repeat the refusal.
   */
  private async askHost(rejectedToken?: string): Promise<void> {
    const host = this.host
    if (!host) throw signedOut('no host session')
    const epoch = this.epoch
    const answer = await hostAnswer(host.getToken, host.timeoutMs)
    if (epoch !== this.epoch) {
      throw signedOut('signed out while the host was asked', HOST_TOKEN_UNAVAILABLE)
    }
    const token =
      answer.kind === 'token' && answer.token !== rejectedToken ? answer.token : undefined
    if (token === undefined) {
      this.access = undefined
      this.refusedSignOut()
      const why = answer.kind === 'token' ? 'the refused token again' : answer.kind
      throw signedOut(`the host gave no usable token: ${why}`, HOST_TOKEN_UNAVAILABLE)
    }
    this.access = token
    this.status = 'signed_in'
  }

  private async restoreOrSignIn(): Promise<void> {
    this.refreshToken ??= await this.store.get(REFRESH_KEY)
    if (this.refreshToken) return this.refresh()
    this.status = 'signing_in'
    return this.exchangeCode()
  }

  private async exchangeCode(): Promise<void> {
    try {
      const { provider, code } = await this.loginCode()
      const { data } = await this.transport.send({
        ...issuerRoute('createSession', {}),
        body: { provider, code },
        schema: SessionSchema,
        auth: false,
      })
      await this.keep(data!.access_token, data!.refresh_token)
    } catch (error) {
      if (refused(error)) this.refusedSignOut()
      else this.status = 'unreachable'
      throw error
    }
  }

  private async refresh(): Promise<void> {
    const refreshToken = this.refreshToken
    this.access = undefined
    if (!refreshToken) {
      this.refusedSignOut()
      throw signedOut('no refresh token')
    }
    try {
      const { data } = await this.transport.send({
        ...issuerRoute('refreshSession', {}),
        body: { refresh_token: refreshToken },
        schema: SessionSchema,
        auth: false,
        // The issuer answers a replay with the same pair while that pair is unused, so a
        // refresh whose answer was lost may be sent again with the same token.
        idempotent: true,
      })
      await this.keep(data!.access_token, data!.refresh_token)
    } catch (error) {
      if (refused(error)) {
        await this.forget()
        this.refusedSignOut()
        throw signedOut('session could not be renewed', (error as IssuerError).code)
      }
      // No (usable) answer: keep the token for the next try, within the grace window.
      this.refreshToken = refreshToken
      this.status = 'unreachable'
      throw error
    }
  }

  private async keep(access: string, refresh: string): Promise<void> {
    // A Cardlet sign-in that finished after the host took over: its pair is not used.
    if (this.host) return
    this.access = access
    this.refreshToken = refresh
    await this.store.set(REFRESH_KEY, refresh)
    this.status = 'signed_in'
  }

  private async forget(): Promise<void> {
    this.access = undefined
    this.refreshToken = undefined
    await this.store.remove(REFRESH_KEY)
  }
}

function signedOut(message: string, code?: string): IssuerError {
  return new IssuerError({ kind: 'signed_out', message, status: 401, code, retryable: false })
}

type HostAnswer = { kind: 'token'; token: string } | { kind: 'rejected' | 'timeout' | 'no token' }

/** One call of the host's getToken, bounded by `timeoutMs`; never rejects. */
function hostAnswer(getToken: HostTokenSource, timeoutMs: number): Promise<HostAnswer> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs)
    Promise.resolve()
      .then(getToken)
      .then(
        (token: unknown) =>
          resolve(
            typeof token === 'string' && token !== ''
              ? { kind: 'token', token }
              : { kind: 'no token' },
          ),
        () => resolve({ kind: 'rejected' }),
      )
      .finally(() => clearTimeout(timer))
  })
}
