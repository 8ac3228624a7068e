import type { SandboxClock } from './clock'
import type { SandboxStore } from './store'

/** setTimeout's longest delay (about 24.8 days): a later moment is reached in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1

/**
 * What comes due with time (cycles close, reminders fire: SandboxStore.tick), run at its
 * moment from one timer, so that no read does it: what a read costs does not depend on
 * other cards' reminders. Whatever moves the clock or adds to what is scheduled calls
 * run(), which does what is due now and sets the timer for the next moment.
 */
export class DueWork {
  #timer: NodeJS.Timeout | undefined
  #stopped = false

  constructor(
    private readonly store: SandboxStore,
    private readonly clock: SandboxClock,
  ) {}

  run(): void {
    clearTimeout(this.#timer)
    if (this.#stopped) return
    this.store.tick()
    const next = this.store.nextDueAt()
    if (next === null) return
    // Sandbox time runs at the rate of real time: the wait is the same in both.
    this.#timer = setTimeout(() => this.run(), Math.min(MAX_DELAY_MS, next - this.clock.now()))
    // The timer alone keeps no process alive (a test's, a script's).
    this.#timer.unref()
  }

  /** Stops the timer for good (the sandbox closes). */
  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
  }
}
