import type { MessageKey } from '@/lib/i18n'
import { ErrorBanner } from '@/ui/error-banner'
import { useScreenContext } from '@/ui/screen'
import { StaleBadge } from '@/ui/stale-badge'

export interface ResourceNoticeProps {
  /** The failure to show, if any: its kind (the banner's `data-status`) and message. */
  error?: { kind: string; messageKey: MessageKey }
  /** The banner's way forward. */
  action: 'retry' | 'sign_in'
  onAction(): void
  /** The data on screen is older than its refresh interval (or could not be confirmed). */
  stale: boolean
}

/** The error banner (with its way forward) and the stale badge under a widget's data. */
export function ResourceNotice({ error, action, onAction, stale }: ResourceNoticeProps) {
  const { t } = useScreenContext()
  return (
    <>
      {error ? (
        <ErrorBanner
          kind={error.kind}
          message={t(error.messageKey)}
          actionLabel={action === 'sign_in' ? t('common.signIn') : t('common.retry')}
          onAction={onAction}
        />
      ) : null}
      {stale ? <StaleBadge label={t('common.stale')} /> : null}
    </>
  )
}
