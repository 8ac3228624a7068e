// The features' own modules, not their index: the widgets (and their stylesheets) stay
// out of the app's entry, which every page loads.
import { forgetBalancePrefs } from '@/features/balance/use-balance-prefs'
import { forgetOfflineSeeds } from '@/features/pay-code/offline-seed-vault'
import { forgetCardChoice } from '@/issuer/cards/use-card-choice'
import { issuerClient, setResourceStorage } from '@/issuer/client'
import { stepUp } from '@/issuer/payment-check/step-up'
import { cacheStore } from '@/platform/storage'

let started = false

/**
 * What Cardlet wires once before any widget shows, in one place (no module does it on
 * import): the issuer client's cache in platform storage, and what a sign-out forgets on
 * the device (the chosen card, the privacy eye, the offline seeds, the payment check's
 * passes), and the seeds again when the payment PIN changes. The app runs it first
 * (src/app.ts); embedded widgets run it through their runtime, since a host runs no app
 * of Cardlet's. Idempotent.
 */
export function startCardlet(): void {
  if (started) return
  started = true
  setResourceStorage(cacheStore)
  stepUp.onChange(() => void forgetOfflineSeeds())
  issuerClient.session.onSignOut(async () => {
    stepUp.forget()
    forgetCardChoice()
    forgetBalancePrefs()
    await forgetOfflineSeeds()
  })
}
