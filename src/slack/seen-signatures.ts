/** Bolt refuses a request whose timestamp is more than 5 minutes from now; inside that, a copy passes. */
export const REPLAY_WINDOW_MS = 5 * 60_000;
/** Far above what Slack sends one bot in 10 minutes; past it the oldest are forgotten first. */
const MAX_SEEN = 10_000;

/**
 * The signatures of the signed requests seen lately, to refuse a replayed copy while its timestamp
 * still passes Bolt's 5-minute check. A signature covers the timestamp and the body, so one
 * signature is one request. An entry is kept until its timestamp is out of the window both ways
 * (Bolt accepts timestamps up to 5 minutes ahead too), then dropped; memory stays bounded.
 */
export class SeenSignatures {
  // signature → when it can be forgotten (ms); insertion order is arrival order.
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly windowMs = REPLAY_WINDOW_MS,
    private readonly max = MAX_SEEN,
  ) {}

  /** Records the request; false when this signature was already seen (a replay). */
  firstSight(signature: string, timestampSeconds: number): boolean {
    const at = this.now();
    this.forgetExpired(at);
    if (this.seen.has(signature)) return false;
    const forgetAt = Math.max(at, timestampSeconds * 1000) + this.windowMs;
    this.seen.set(signature, Number.isFinite(forgetAt) ? forgetAt : at + this.windowMs);
    if (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private forgetExpired(at: number): void {
    // Arrival order is nearly expiry order; a sweep from the front stops at the first live entry.
    for (const [sig, forgetAt] of this.seen) {
      if (forgetAt > at) break;
      this.seen.delete(sig);
    }
  }
}
