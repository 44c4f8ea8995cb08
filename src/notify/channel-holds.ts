import { ChannelRefusal } from "./delivery-error.ts";
import type { ChannelName } from "./outbox.ts";
import { retryDelayMs } from "./retry-delay.ts";

/**
 * A failed call that took at least this long (a hung Slack cut off by its timeout) puts the
 * channel on hold: each further item would wait out the same timeout before going by email.
 */
export const SLOW_FAILURE_MS = 5_000;

interface Hold {
  /** Epoch ms; Infinity: not until this process restarts. */
  until: number;
  reason: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Which channels this process does not call for now, and why. In memory only: a restart (a new
 * token in the environment, say) tries every channel afresh, and the outbox in state.db still
 * holds every item, so a hold never loses one; it only sends it by another channel or later.
 *
 * - A refusal that stops the channel (Slack's invalid_auth): held until the process restarts.
 * - A refusal with a wait (Slack's 429 Retry-After): held for exactly that long.
 * - A slow failure (SLOW_FAILURE_MS or more): held for the outbox's backoff (30 s, 1 min, ...
 *   30 min) by how many slow failures came in a row; the first call after the hold probes it.
 */
export class ChannelHolds {
  private readonly holds = new Map<ChannelName, Hold>();
  private readonly slowInARow = new Map<ChannelName, number>();

  constructor(private readonly now: () => Date) {}

  /** Why `channel` is not to be called now; undefined when it may be. */
  held(channel: ChannelName): string | undefined {
    const h = this.holds.get(channel);
    if (!h) return undefined;
    if (h.until <= this.now().getTime()) {
      this.holds.delete(channel);
      return undefined;
    }
    return h.reason;
  }

  /** When `channel` may be called again (epoch ms): now when not held, Infinity when stopped. */
  readyAt(channel: ChannelName): number {
    return this.held(channel) === undefined ? this.now().getTime() : this.holds.get(channel)!.until;
  }

  /** Whether `channel` is stopped until a restart. */
  stopped(channel: ChannelName): boolean {
    return this.held(channel) !== undefined && this.holds.get(channel)!.until === Infinity;
  }

  succeeded(channel: ChannelName): void {
    this.slowInARow.delete(channel);
  }

  /** A call failed after `elapsedMs`; returns the hold it started, if any. */
  failed(channel: ChannelName, err: unknown, elapsedMs: number): Hold | undefined {
    const at = this.now().getTime();
    let hold: Hold | undefined;
    if (err instanceof ChannelRefusal && err.info.stopChannel) {
      hold = { until: Infinity, reason: `not called since ${iso(at)}, when ${err.message}; restart Oyster once that is fixed` };
    } else if (err instanceof ChannelRefusal && err.info.retryAfterMs !== undefined && err.info.retryAfterMs > 0) {
      hold = { until: at + err.info.retryAfterMs, reason: `not called before ${iso(at + err.info.retryAfterMs)}, as it asked (${err.message})` };
    } else if (elapsedMs >= SLOW_FAILURE_MS) {
      const n = (this.slowInARow.get(channel) ?? 0) + 1;
      this.slowInARow.set(channel, n);
      const until = at + retryDelayMs(n);
      hold = { until, reason: `not called before ${iso(until)}: its last call failed only after ${seconds(elapsedMs)}` };
    }
    if (hold) this.holds.set(channel, hold);
    return hold;
  }
}
