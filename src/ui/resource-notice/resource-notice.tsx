import { issuerClient, type IssuerError, type ResourceView } from '@/issuer/client'
import { ErrorBanner } from '@/ui/error-banner'
import { useScreenContext } from '@/ui/screen'
import { StaleBadge } from '@/ui/stale-badge'

/** A widget's machine-readable state (`data-status` on its card). */
export type ResourceStatus = 'loading' | 'ready' | 'stale' | 'error' | 'signed_out'

/** The state a widget shows for one or more resources it depends on. */
export function resourceStatus(views: ResourceView<unknown>[]): ResourceStatus {
  const error = views.find((view) => view.error)?.error
  const hasData = views.every((view) => view.data !== undefined)
  if (error?.kind === 'signed_out') return 'signed_out'
  if (!hasData) return error ? 'error' : 'loading'
  if (error || views.some((view) => view.stale)) return 'stale'
  return 'ready'
}

export interface ResourceNoticeProps {
  views: ResourceView<unknown>[]
  /** Whether to show the stale badge (some widgets show it inline). */
  showStale?: boolean
}

/**
 * The error banner (with its way forward) and the stale badge for a widget's
 * resources: retry for a failed fetch, sign in again after a sign-out.
 */
export function ResourceNotice({ views, showStale = true }: ResourceNoticeProps) {
  const { t } = useScreenContext()
  const error: IssuerError | undefined = views.find((view) => view.error)?.error
  const stale = views.some((view) => view.stale || (view.error && view.data !== undefined))
  const retry = () => Promise.all(views.map((view) => view.refresh()))
  return (
    <>
      {error ? (
        error.kind === 'signed_out' ? (
          <ErrorBanner
            kind={error.kind}
            message={t(error.messageKey)}
            actionLabel={t('common.signIn')}
            onAction={() => void issuerClient.session.signIn().then(retry, () => undefined)}
          />
        ) : (
          <ErrorBanner
            kind={error.kind}
            message={t(error.messageKey)}
            actionLabel={t('common.retry')}
            onAction={() => void retry()}
          />
        )
      ) : null}
      {showStale && stale ? <StaleBadge label={t('common.stale')} /> : null}
    </>
  )
}
