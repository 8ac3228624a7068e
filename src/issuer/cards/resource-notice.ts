import { issuerClient, type ResourceView } from '@/issuer/client'
import type { ResourceNoticeProps } from '@/ui/resource-notice'

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

/**
 * What `<ResourceNotice>` shows for a widget's resources: the first error with its way
 * forward (retry a failed fetch; sign in again, then retry, after a sign-out) and
 * whether the data on screen is stale.
 */
export function resourceNotice(views: ResourceView<unknown>[]): ResourceNoticeProps {
  const error = views.find((view) => view.error)?.error
  const stale = views.some((view) => view.stale || (view.error && view.data !== undefined))
  const retry = () => Promise.all(views.map((view) => view.refresh()))
  if (error?.kind === 'signed_out') {
    return {
      error,
      action: 'sign_in',
      stale,
      onAction: () => void issuerClient.session.signIn().then(retry, () => undefined),
    }
  }
  return { error, action: 'retry', stale, onAction: () => void retry() }
}
