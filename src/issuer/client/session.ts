import { create } from 'zustand'

import { SessionSchema } from '@/issuer/contract'
import type { LoginCode } from '@/platform/login'
import type { KeyValueStore } from '@/platform/storage'

import { IssuerError } from './errors'
import type { AuthHooks, Transport } from './transport'

/** Where the cardholder's session stands; widgets show a sign-in state on `signed_out`. */
export type SessionStatus = 'anonymous' | 'signing_in' | 'signed_in' | 'signed_out'

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

/**
 * Login, token storage and renewal. Tokens stay in this object and in the platform's
 * secure store, never in app state or logs. Renewal is single-flight: any number of
 * concurrent 401s cause one refresh. A failed refresh (expired, or an old refresh
 * token replayed, which revokes the family) signs the user out; only an explicit
 * `signIn()` starts a new session after that.
 */
export class Session implements AuthHooks {
  private access?: string
  private refreshToken?: string
  private pending?: Promise<void>

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
    this.status = 'signing_in'
    this.pending = this.exchangeCode().finally(() => (this.pending = undefined))
    return this.pending
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
      this.status = 'signed_out'
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
      })
      await this.keep(data!.access_token, data!.refresh_token)
    } catch (error) {
      if (error instanceof IssuerError && (error.status === 401 || error.status === 400)) {
        await this.forget()
        this.status = 'signed_out'
        throw signedOut('session could not be renewed', error.code)
      }
      this.refreshToken = refreshToken // a network failure: keep it for the next try
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
