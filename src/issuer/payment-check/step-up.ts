import type { StepUp } from '@contract'

import { issuerClient } from '@/issuer/client'
import { biometricProof } from '@/platform/biometrics'

/** A grant is not used in its last seconds: a code fetched with it must still be accepted. */
const MARGIN_MS = 15_000

/**
 * The payment check's passes, kept in memory only (a restart asks again): the issuer's
 * step-up grant, and a PIN checked on the device while offline (for as long as a grant
 * would last).
 */
let grant: { token: string; until: number } | undefined
let offlineUntil = 0
const changeListeners = new Set<() => void>()

function keep(stepUp: StepUp | undefined): void {
  if (!stepUp) throw new Error('empty step-up answer')
  grant = { token: stepUp.step_up_token, until: Date.now() + stepUp.expires_in * 1000 - MARGIN_MS }
}

export const stepUp = {
  /** The grant to send with a pay code or an unlock, while it lasts. */
  token(): string | undefined {
    return grant && Date.now() < grant.until ? grant.token : undefined
  },

  /** The check was passed a moment ago, online or on the device. */
  passed(): boolean {
    return this.token() !== undefined || Date.now() < offlineUntil
  },

  /** Asks the issuer; throws its problem (`pin_incorrect` with attempts left, `pin_locked`). */
  async withPin(pin: string): Promise<void> {
    keep((await issuerClient.api.createStepUp({ method: 'pin', pin })).data)
  },

  /** WeChat SOTER in place of the PIN, signed over a challenge the issuer just issued. */
  async withBiometrics(prompt: string): Promise<void> {
    const { data: issued } = await issuerClient.api.createSoterChallenge()
    if (!issued) throw new Error('empty challenge answer')
    const proof = await biometricProof(issued.challenge, prompt)
    keep((await issuerClient.api.createStepUp({ method: 'soter', ...proof })).data)
  },

  /** A PIN matched the seed's check material offline: it holds as long as a grant would. */
  passOffline(forMs: number): void {
    offlineUntil = Date.now() + forMs
  },

  /** Sign-out, or the PIN changed: every pass goes. */
  forget(): void {
    grant = undefined
    offlineUntil = 0
  },

  /**
   * The PIN was set, changed or removed: the issuer revoked the offline seeds (their check
   * material is the old PIN's), so the device forgets its passes and `listener`s run
   * (src/start deletes the seeds).
   */
  changed(): void {
    this.forget()
    for (const listener of changeListeners) listener()
  },

  onChange(listener: () => void): () => void {
    changeListeners.add(listener)
    return () => changeListeners.delete(listener)
  },
}
