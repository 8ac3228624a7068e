import './error-banner.scss'

import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

export interface ErrorBannerProps {
  message: string
  /** Label of the way forward (retry, sign in again). */
  actionLabel: string
  onAction(): void
  /** Machine-readable error kind for tests (`data-status`). */
  kind: string
}

/**
 * A clear error state with a way forward; `id="error-banner"` is a stable selector. Not
 * NutUI's Result(Page): a page-sized picture and title (+8.9 KiB a package, bench/NUTUI.md) where a card
 * keeps its last figures on screen beside the banner (signed out, offline, 503).
 */
export function ErrorBanner({ message, actionLabel, onAction, kind }: ErrorBannerProps) {
  return (
    <View id='error-banner' className='cl-error-banner' data-status={kind} role='alert'>
      <Text className='cl-error-banner__message'>{message}</Text>
      <Button
        className='cl-error-banner__action'
        size='small'
        type='primary'
        aria-label={actionLabel}
        onClick={onAction}
      >
        {actionLabel}
      </Button>
    </View>
  )
}
