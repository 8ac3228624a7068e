import './account-control.scss'

import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { reLaunch } from '@tarojs/taro'
import { useState } from 'react'

import {
  failResource,
  forgetResources,
  issuerClient,
  IssuerError,
  useSessionStatus,
} from '@/issuer/client'
import { useScreenContext } from '@/ui/screen'

import { PinSettings } from './pin-settings'

const HOME = '/pages/home/index'

/**
 * Signs the cardholder out (the issuer revokes the session and its offline seeds, the
 * pay code deletes them, every cached amount is forgotten) and back in with a fresh
 * platform login, which may be another account. `#account` carries the session status
 * (`data-status`), `#account-sign-out` / `#account-sign-in` are the stable controls.
 */
export function AccountControl() {
  const { t } = useScreenContext()
  const status = useSessionStatus()
  const [busy, setBusy] = useState(false)
  const signedOut = status === 'signed_out'

  const act = async () => {
    if (busy) return
    setBusy(true)
    try {
      if (signedOut) {
        await issuerClient.session.signIn().catch(() => undefined)
        // The widgets open afresh for whoever signed in.
        await reLaunch({ url: HOME }).catch(() => undefined)
      } else {
        await signOut()
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <View id='account' className='cl-account' data-status={status}>
      {signedOut ? null : <PinSettings />}
      <Button
        id={signedOut ? 'account-sign-in' : 'account-sign-out'}
        className='cl-account__action'
        size='small'
        type={signedOut ? 'primary' : 'default'}
        fill={signedOut ? 'solid' : 'outline'}
        disabled={busy}
        aria-label={signedOut ? t('account.signIn') : t('account.signOut')}
        onClick={() => void act()}
      >
        {signedOut ? t('account.signIn') : t('account.signOut')}
      </Button>
    </View>
  )
}

/**
 * The session's sign-out, then every cached resource of that account is forgotten and
 * the card list says "signed out": each widget then shows its sign-in in place of its
 * figures, never skeletons waiting for data that will not come.
 */
export async function signOut(): Promise<void> {
  await issuerClient.session.signOut()
  await forgetResources()
  failResource(
    issuerClient.resources.cards(),
    new IssuerError({ kind: 'signed_out', message: 'signed out by the cardholder' }),
  )
}
