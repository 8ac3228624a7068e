import { useEffect, useState } from 'react'
import * as v from 'valibot'
import { create } from 'zustand'

import { watchNetwork } from '@/platform/network'
import type { KeyValueStore } from '@/platform/storage'

import { IssuerError } from './errors'
import type { IssuerResponse } from './transport'

// Cardlet's server cache, written here rather than taken from TanStack Query: Query with
// the pieces this file does (persistence included) would add about ten times this
// file's bytes and push the Alipay package past its 1.6× budget. Figures and method:
// docs/decisions.md.

/** Server data as the UI holds it: a cache with a fetch time, an ETag and an error. */
export interface ResourceEntry<T> {
  data?: T
  /** When `data` was last confirmed by the issuer (ms since epoch). */
  fetchedAt?: number
  etag?: string
  error?: IssuerError
  loading: boolean
}

interface ResourceState {
  entries: Record<string, ResourceEntry<unknown> | undefined>
  patch(key: string, patch: Partial<ResourceEntry<unknown>>): void
  clear(): void
}

/** The one owner of server data (balance, statement, cards), keyed by resource. */
export const useResourceStore = create<ResourceState>()((set) => ({
  entries: {},
  patch: (key, patch) =>
    set((state) => ({
      entries: { ...state.entries, [key]: { loading: false, ...state.entries[key], ...patch } },
    })),
  clear: () => set({ entries: {} }),
}))

/** How to fetch, validate and keep one resource. */
export interface ResourceSpec<T> {
  key: string
  load(etag: string | undefined): Promise<IssuerResponse<T>>
  /** Validates what comes back from persistent storage (it may be old or tampered with). */
  schema: v.GenericSchema<unknown, T>
  /** Older than this, the data is refreshed and, until that succeeds, shown as stale. */
  maxAgeMs: number
  /** Keep the last-known value in platform storage for offline launches. */
  persist: boolean
}

interface Persisted {
  data: unknown
  fetchedAt: number
  etag?: string
}

const STORAGE_PREFIX = 'cardlet.cache.'
const inflight = new Map<string, Promise<void>>()
let storage: KeyValueStore | undefined
const now = () => Date.now()

/** Wires the persistent store (platform cache storage); called once at start (src/start). */
export function setResourceStorage(store: KeyValueStore): void {
  storage = store
}

async function hydrate<T>(spec: ResourceSpec<T>): Promise<void> {
  // Only while memory has nothing for the key (a fresh launch): memory is newer.
  if (!spec.persist || !storage) return
  if (useResourceStore.getState().entries[spec.key]?.data !== undefined) return
  const text = await storage.get(STORAGE_PREFIX + spec.key)
  if (!text || useResourceStore.getState().entries[spec.key]?.data !== undefined) return
  try {
    const saved = JSON.parse(text) as Persisted
    const parsed = v.safeParse(spec.schema, saved.data)
    if (parsed.success && typeof saved.fetchedAt === 'number') {
      useResourceStore
        .getState()
        .patch(spec.key, { data: parsed.output, fetchedAt: saved.fetchedAt, etag: saved.etag })
    }
  } catch {
    // Unreadable cache: ignore it, the network answer replaces it.
  }
}

/**
 * Fetches a resource (conditionally, with its ETag) unless a fetch of it is already
 * running. Errors are kept beside the last good data, never instead of it.
 */
export function revalidate<T>(spec: ResourceSpec<T>): Promise<void> {
  const running = inflight.get(spec.key)
  if (running) return running
  const run = (async () => {
    await hydrate(spec)
    const { patch, entries } = useResourceStore.getState()
    patch(spec.key, { loading: true })
    try {
      const response = await spec.load(entries[spec.key]?.etag)
      const fetchedAt = now()
      const data = response.notModified ? entries[spec.key]?.data : response.data
      patch(spec.key, { data, fetchedAt, etag: response.etag, error: undefined, loading: false })
      if (spec.persist && storage && data !== undefined) {
        const saved: Persisted = { data, fetchedAt, etag: response.etag }
        await storage.set(STORAGE_PREFIX + spec.key, JSON.stringify(saved))
      }
    } catch (error) {
      const issuerError =
        error instanceof IssuerError
          ? error
          : new IssuerError({ kind: 'malformed', message: String(error) })
      patch(spec.key, { error: issuerError, loading: false })
    }
  })().finally(() => inflight.delete(spec.key))
  inflight.set(spec.key, run)
  return run
}

/**
 * The issuer's data changed (money moved): fetches the resource again, after a fetch of
 * it already running (that one may have left before the change).
 */
export function invalidate<T>(spec: ResourceSpec<T>): Promise<void> {
  const running = inflight.get(spec.key) ?? Promise.resolve()
  return running.then(() => revalidate(spec))
}

/** Forgets every cached resource, in memory and in storage (sign-out, user switch). */
async function clearResources(keys: string[]): Promise<void> {
  useResourceStore.getState().clear()
  if (storage) await Promise.all(keys.map((key) => storage!.remove(STORAGE_PREFIX + key)))
}

/** Every resource forgotten, in memory and in storage (a sign-out: another account may follow). */
export function forgetResources(): Promise<void> {
  return clearResources(Object.keys(useResourceStore.getState().entries))
}

/** What the cache holds for a resource now, without fetching it. */
export function peekResource<T>(spec: ResourceSpec<T>): T | undefined {
  return useResourceStore.getState().entries[spec.key]?.data as T | undefined
}

/**
 * What the cache holds for a resource, changed by the client until its next fetch brings
 * the issuer's own figures (a repayment the cached statement does not count yet).
 */
export function updateResource<T>(spec: ResourceSpec<T>, update: (data: T) => T): void {
  const data = peekResource(spec)
  if (data !== undefined) useResourceStore.getState().patch(spec.key, { data: update(data) })
}

/** A resource fails with `error` (and no data) until it is fetched again. */
export function failResource<T>(spec: ResourceSpec<T>, error: IssuerError): void {
  useResourceStore.getState().patch(spec.key, { error })
}

export interface ResourceView<T> extends ResourceEntry<T> {
  /** Older than its refresh interval (what the `stale-badge` shows). */
  stale: boolean
  refresh(): Promise<void>
}

/**
 * A widget's view of one resource: shows the last-known data at once, revalidates on
 * mount and whenever the data outlives `maxAgeMs`, and says when it is stale.
 * `spec` null means "nothing to load yet" (no card chosen).
 */
export function useResource<T>(spec: ResourceSpec<T> | null): ResourceView<T> {
  const entry = useResourceStore((state) => (spec ? state.entries[spec.key] : undefined)) as
    ResourceEntry<T> | undefined
  const [clock, setClock] = useState(now)
  const key = spec?.key

  useEffect(() => {
    if (spec) void revalidate(spec)
    // A new key is a new resource; the spec object itself changes every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  useEffect(() => {
    if (!spec) return undefined
    // The platform's word on the network is acted on at once: gone, the data on screen
    // is marked unconfirmed ("No connection", stale) without waiting for a refresh to
    // fail; back, the resource is fetched again, which clears that.
    return watchNetwork((online) => {
      if (online) {
        if (useResourceStore.getState().entries[spec.key]?.error) void revalidate(spec)
        return
      }
      useResourceStore.getState().patch(spec.key, {
        error: new IssuerError({ kind: 'network', message: 'the device reports no network' }),
      })
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  const fetchedAt = entry?.fetchedAt
  const maxAgeMs = spec?.maxAgeMs ?? 0
  useEffect(() => {
    if (!spec || fetchedAt === undefined) return undefined
    // Refresh when the data reaches its age limit, then once per interval for as long
    // as it stays unconfirmed (offline): bounded, never a tight loop.
    let timer: ReturnType<typeof setTimeout>
    const tick = () => {
      setClock(now())
      void revalidate(spec)
      timer = setTimeout(tick, Math.max(maxAgeMs, 1000))
    }
    timer = setTimeout(tick, Math.max(0, fetchedAt + maxAgeMs - now()) + 50)
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, fetchedAt, maxAgeMs])

  const stale =
    entry?.fetchedAt !== undefined &&
    Math.max(clock, now()) - entry.fetchedAt > maxAgeMs &&
    !entry.loading
  return {
    loading: entry?.loading ?? spec !== null,
    ...entry,
    stale,
    refresh: () => (spec ? revalidate(spec) : Promise.resolve()),
  }
}
