import { create } from 'zustand'

import { SessionSchema } from '@/issuer/contract'
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

const REFRESH_KEY = 'cardlet.session.refresh'

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
 */
export class Session implements AuthHooks {
  private access?: string
  private refreshToken?: string
  private pending?: Promise<void>
  private readonly signOutListeners = new Set<() => Promise<void> | void>()

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

  async accessToken(): Promise<string> {
    if (this.access) return this.access
    if (this.status === 'signed_out') throw signedOut('signed out: sign in again')
    if (!this.pending) {
      this.pending = this.restoreOrSignIn().finally(() => (this.pending = undefined))
    }
    await this.pending
    if (!this.access) throw signedOut('no session')
    return this.access
  }

  /** Starts a new session from a fresh platform login code (also after a sign-out). */
  signIn(): Promise<void> {
    if (this.pending) return this.pending
    this.status = 'signing_in'
    this.pending = this.exchangeCode().finally(() => (this.pending = undefined))
    return this.pending
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

  renew(rejectedToken: string): Promise<void> {
    if (this.access && this.access !== rejectedToken) return Promise.resolve()
    if (!this.pending) {
      this.pending = this.refresh().finally(() => (this.pending = undefined))
    }
    return this.pending
  }

  async signOut(): Promise<void> {
    if (this.access) {
      await this.transport
        .send({ method: 'DELETE', path: '/v1/auth/sessions/current', schema: null })
        .catch(() => undefined)
    }
    await this.forget()
    await Promise.all([...this.signOutListeners].map(async (listener) => listener())).catch(
      () => undefined,
    )
    this.status = 'signed_out'
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
        method: 'POST',
        path: '/v1/auth/sessions',
        body: { provider, code },
        schema: SessionSchema,
        auth: false,
      })
      await this.keep(data!.access_token, data!.refresh_token)
    } catch (error) {
      this.status = refused(error) ? 'signed_out' : 'unreachable'
      throw error
    }
  }

  private async refresh(): Promise<void> {
    const refreshToken = this.refreshToken
    this.access = undefined
    if (!refreshToken) {
      this.status = 'signed_out'
      throw signedOut('no refresh token')
    }
    try {
      const { data } = await this.transport.send({
        method: 'POST',
        path: '/v1/auth/refresh',
        body: { refresh_token: refreshToken },
        schema: SessionSchema,
        auth: false,
        // The issuer answers a replay within its grace window with the same pair, so a
        // refresh whose answer was lost may be sent again with the same token.
        idempotent: true,
      })
      await this.keep(data!.access_token, data!.refresh_token)
    } catch (error) {
      if (refused(error)) {
        await this.forget()
        this.status = 'signed_out'
        throw signedOut('session could not be renewed', (error as IssuerError).code)
      }
      // No (usable) answer: keep the token for the next try, within the grace window.
      this.refreshToken = refreshToken
      this.status = 'unreachable'
      throw error
    }
  }

  private async keep(access: string, refresh: string): Promise<void> {
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
