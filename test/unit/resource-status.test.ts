import { resourceStatus } from '@/issuer/cards'
import { IssuerError, type ResourceView } from '@/issuer/client'

function view(patch: Partial<ResourceView<unknown>>): ResourceView<unknown> {
  return { loading: false, stale: false, refresh: async () => undefined, ...patch }
}

const network = new IssuerError({ kind: 'network', message: 'offline' })
const signedOut = new IssuerError({ kind: 'signed_out', message: 'gone', status: 401 })

describe('resourceStatus', () => {
  test.each([
    ['nothing yet', [view({ loading: true })], 'loading'],
    ['fresh data', [view({ data: 1, fetchedAt: 1 })], 'ready'],
    ['old data', [view({ data: 1, fetchedAt: 1, stale: true })], 'stale'],
    ['data and an error (offline)', [view({ data: 1, error: network })], 'stale'],
    ['an error and no data', [view({ error: network })], 'error'],
    ['signed out, even with data', [view({ data: 1, error: signedOut })], 'signed_out'],
    ['one of two still loading', [view({ data: 1 }), view({ loading: true })], 'loading'],
  ] as const)('%s → %s', (_name, views, expected) => {
    expect(resourceStatus([...views])).toBe(expected)
  })
})
