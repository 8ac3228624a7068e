/**
 * The sandbox's clock: real time from a chosen start, plus whatever a test advanced.
 * Everything time-based (token expiry, code TTLs, due dates, reminders) reads it.
 */
export class SandboxClock {
  private readonly realStart = Date.now()
  private readonly start: number
  #offsetMs = 0

  constructor(start?: string) {
    this.start = start ? Date.parse(start) : this.realStart
    if (Number.isNaN(this.start)) throw new RangeError(`bad clockStart: ${start}`)
  }

  now(): number {
    return this.start + (Date.now() - this.realStart) + this.#offsetMs
  }

  /** The advances' total (ms): what a database file keeps, so a restart does not lose them. */
  get offsetMs(): number {
    return this.#offsetMs
  }

  advance(seconds: number): void {
    this.#offsetMs += seconds * 1000
  }

  /** Sets the advances' total: the one a database file kept, or 0 to undo them all. */
  setOffset(ms: number): void {
    this.#offsetMs = ms
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString()
  }
}

/**
 * Seeded PRNG (mulberry32): the same seed gives the same codes and fault rolls.
 * Its state is readable so a database file can persist it across restarts.
 */
export class SeededRandom {
  state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A seeded random function (see SeededRandom). */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed)
  return () => random.next()
}
