// Every zustand store made during a jest test returns to its initial state after each
// test, as zustand's testing guide does it (https://zustand.docs.pmnd.rs/guides/testing):
// the app's stores are module singletons, and a test must not see the one before it.
// jest uses this file for `zustand` in every project that loads src in-process (unit,
// node); the browser and mini-program projects run built bundles and never see it.
import type * as Zustand from 'zustand'

const actual = jest.requireActual<typeof Zustand>('zustand')

/** The reset of every store made so far. */
export const storeResetFns = new Set<() => void>()

function tracked<S extends { getInitialState(): unknown; setState(s: never, r: true): void }>(
  store: S,
): S {
  const initial = store.getInitialState()
  storeResetFns.add(() => store.setState(initial as never, true))
  return store
}

const createUncurried = (creator: Zustand.StateCreator<unknown>) => tracked(actual.create(creator))

export const create = ((creator?: Zustand.StateCreator<unknown>) =>
  creator ? createUncurried(creator) : createUncurried) as typeof Zustand.create

const createStoreUncurried = (creator: Zustand.StateCreator<unknown>) =>
  tracked(actual.createStore(creator))

export const createStore = ((creator?: Zustand.StateCreator<unknown>) =>
  creator ? createStoreUncurried(creator) : createStoreUncurried) as typeof Zustand.createStore

export const useStore = actual.useStore

afterEach(() => {
  for (const reset of storeResetFns) reset()
})
