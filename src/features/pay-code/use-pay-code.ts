import { useDidHide, useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useStore } from 'zustand'

import { applyCardLock } from '@/issuer/cards'
import { issuerClient, peekResource } from '@/issuer/client'
import { type OfflineVerdict, stepUp } from '@/issuer/payment-check'
import { watchNetwork } from '@/platform/network'
import {
  type CaptureEvent,
  type CaptureProtection,
  createScreenGuard,
} from '@/platform/screen-guard'

import { deviceSeedVault } from './offline-seed-vault'
import { PayCodeController, type PayCodeState } from './pay-code-controller'

/** What the capture warning says: nothing, a standing warning, or a reported capture. */
export type CaptureWarning = 'none' | 'unprotected' | 'screenshot' | 'recording'

export interface PayCodeView {
  state: PayCodeState
  /** The code is withheld from the screen (a recording is running). */
  withheld: boolean
  capture: CaptureWarning
  refresh(): void
  setRevealed(revealed: boolean): void
  /** Takes the payment's result away and brings the code back. */
  dismissResult(): void
  /** Offline with a PIN: checks it against the seed's material. */
  verifyOfflinePin(pin: string): Promise<OfflineVerdict>
}

/** The cached card list says the card is locked. */
function knownLocked(cardId: string): boolean {
  const card = peekResource(issuerClient.resources.cards())?.data.find((c) => c.id === cardId)
  return card?.locked === true
}

/**
 * The pay code for `cardId` while the widget's page is shown: the controller runs between
 * show and hide (Taro page lifecycle, which H5 also fires when the tab goes to the
 * background) and unmount; the screen guard (brightness, keep-on, capture protection)
 * is on for exactly that time.
 */
export function usePayCode(cardId: string | undefined, locked = false): PayCodeView {
  const controller = useMemo(
    () =>
      new PayCodeController({
        api: issuerClient.api,
        seeds: deviceSeedVault,
        clock: issuerClient.clock,
        // A payment lowers the available credit: the balance shows it without a refresh.
        onPayment: (id) => void issuerClient.moneyMoved(id),
        stepUp,
        isLocked: knownLocked,
        onLocked: (id) => applyCardLock(id, true),
      }),
    [],
  )
  // Nothing of the account that signed out stays on screen, its last payment included.
  useEffect(() => issuerClient.session.onSignOut(() => controller.clearResult()), [controller])
  // A PIN set, changed or removed: the code on screen was issued under the old check.
  useEffect(() => stepUp.onChange(() => controller.refresh()), [controller])
  const guard = useMemo(createScreenGuard, [])
  const state = useStore(controller.store)
  const [visible, setVisible] = useState(true)
  const [protection, setProtection] = useState<CaptureProtection>(
    () => guard.capabilities().captureProtection,
  )
  const [reported, setReported] = useState<CaptureEvent>()

  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  useEffect(() => {
    if (!visible || !cardId) return undefined
    controller.start(cardId)
    const unwatch = watchNetwork((online) => controller.networkChanged(online))
    return () => {
      unwatch()
      controller.stop()
    }
    // A lock or unlock starts the codes afresh (none while locked).
  }, [controller, cardId, visible, locked])

  useEffect(() => {
    // A locked card shows no code: nothing to brighten or keep on.
    if (!visible || !cardId || locked) return undefined
    let live = true
    void guard
      .enter((event) => {
        if (live) setReported(event)
      })
      .then((achieved) => {
        if (live) setProtection(achieved.captureProtection)
      })
    return () => {
      live = false
      setReported(undefined)
      void guard.leave()
    }
  }, [guard, cardId, visible, locked])

  const recording = reported?.type === 'recording' && reported.active
  const capture: CaptureWarning = recording
    ? 'recording'
    : reported?.type === 'screenshot'
      ? 'screenshot'
      : protection === 'block'
        ? 'none'
        : 'unprotected'

  const refresh = useCallback(() => controller.refresh(), [controller])
  const setRevealed = useCallback((on: boolean) => controller.setRevealed(on), [controller])
  const dismissResult = useCallback(() => controller.clearResult(), [controller])
  const verifyOfflinePin = useCallback(
    (pin: string) => controller.verifyOfflinePin(pin),
    [controller],
  )
  return {
    state,
    withheld: recording,
    capture,
    refresh,
    setRevealed,
    dismissResult,
    verifyOfflinePin,
  }
}
