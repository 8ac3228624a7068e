/**
 * The issuer's clock as seen from the device: the device clock plus a measured skew.
 * A watch's or phone's clock drifts, and the sandbox's can be advanced; a bill's
 * "today" is the issuer's today, so it is read from here, never from the device clock
 * alone.
 *
 * Every observation is an issuer time `issuerMs` (known to `resolutionMs`: 1000 for an
 * HTTP Date header, 0 for a millisecond timestamp) that held at some moment between
 * sending a request (`sentAtMs`) and receiving its answer (`receivedAtMs`). That bounds
 * the skew to [issuerMs - receivedAtMs, issuerMs + resolutionMs - sentAtMs]: an estimate
 * inside the bounds is kept (a finer one is not replaced by a coarser one); one outside
 * them is replaced by the middle of the bounds.
 */
export class IssuerClock {
  private skew = 0
  private measured = false

  constructor(private readonly deviceNow: () => number = Date.now) {}

  observe(issuerMs: number, sentAtMs: number, receivedAtMs: number, resolutionMs = 0): void {
    if (!Number.isFinite(issuerMs) || receivedAtMs < sentAtMs) return
    const low = issuerMs - receivedAtMs
    const high = issuerMs + resolutionMs - sentAtMs
    if (this.measured && this.skew >= low && this.skew <= high) return
    this.skew = Math.round((low + high) / 2)
    this.measured = true
  }

  /** Issuer time minus device time, in ms (0 until first measured). */
  skewMs(): number {
    return this.skew
  }

  /** Now on the issuer's clock (ms since epoch). */
  now(): number {
    return this.deviceNow() + this.skew
  }
}
