import { createScreenGuard } from '@/platform/screen-guard/index.h5'

/** A Screen Wake Lock that behaves like the browser's: released on hide or on request. */
function fakeWakeLock(options: { refuse?: boolean } = {}) {
  const sentinels: Array<{ released: boolean; release: () => Promise<void> }> = []
  const lock = {
    requests: 0,
    sentinels,
    async request(type: string) {
      lock.requests += 1
      if (type !== 'screen') throw new TypeError(type)
      if (options.refuse) throw new DOMException('denied', 'NotAllowedError')
      const sentinel = {
        released: false,
        async release() {
          sentinel.released = true
        },
      }
      sentinels.push(sentinel)
      return sentinel
    },
    /** What the browser does when the page is hidden. */
    dropAll() {
      for (const s of sentinels) s.released = true
    },
  }
  Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: lock })
  return lock
}

let visibility: DocumentVisibilityState = 'visible'
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })

function setVisibility(value: DocumentVisibilityState) {
  visibility = value
  document.dispatchEvent(new Event('visibilitychange'))
}

afterEach(() => {
  delete (navigator as { wakeLock?: unknown }).wakeLock
  visibility = 'visible'
})

describe('H5 screen guard', () => {
  test('with Screen Wake Lock: keeps the screen on, no brightness, protection none', async () => {
    const lock = fakeWakeLock()
    const guard = createScreenGuard()
    expect(guard.capabilities()).toEqual({
      brightness: false,
      keepOn: true,
      captureProtection: 'none',
    })
    await expect(guard.enter()).resolves.toEqual({
      brightness: false,
      keepOn: true,
      captureProtection: 'none',
    })
    expect(lock.requests).toBe(1)
    await guard.leave()
    expect(lock.sentinels.map((s) => s.released)).toEqual([true])
  })

  test('without the API: nothing to keep on, and nothing throws', async () => {
    const guard = createScreenGuard()
    expect(guard.capabilities()).toEqual({
      brightness: false,
      keepOn: false,
      captureProtection: 'none',
    })
    await expect(guard.enter()).resolves.toEqual({
      brightness: false,
      keepOn: false,
      captureProtection: 'none',
    })
    await expect(guard.leave()).resolves.toBeUndefined()
  })

  test('a refused request (NotAllowedError) reports keepOn false', async () => {
    const lock = fakeWakeLock({ refuse: true })
    const guard = createScreenGuard()
    await expect(guard.enter()).resolves.toEqual({
      brightness: false,
      keepOn: false,
      captureProtection: 'none',
    })
    expect(lock.requests).toBe(1)
    await guard.leave()
  })

  test('the lock the browser drops on hide is taken again on return, only while entered', async () => {
    const lock = fakeWakeLock()
    const guard = createScreenGuard()
    await guard.enter()
    setVisibility('hidden')
    lock.dropAll()
    // enter() runs after any queued work; the page is hidden, so no lock is asked for.
    await guard.enter()
    expect(lock.requests).toBe(1)

    setVisibility('visible')
    await expect(guard.enter()).resolves.toMatchObject({ keepOn: true })
    expect(lock.requests).toBe(2)
    expect(lock.sentinels.map((s) => s.released)).toEqual([true, false])

    await guard.leave()
    expect(lock.sentinels.map((s) => s.released)).toEqual([true, true])
    setVisibility('hidden')
    setVisibility('visible')
    await Promise.resolve()
    expect(lock.requests).toBe(2)
  })

  test('enter twice takes one lock', async () => {
    const lock = fakeWakeLock()
    const guard = createScreenGuard()
    await Promise.all([guard.enter(), guard.enter()])
    expect(lock.requests).toBe(1)
    await guard.leave()
  })
})
