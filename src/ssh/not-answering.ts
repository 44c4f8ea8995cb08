import { OysterError } from "../errors.ts";
import { utcSecond } from "../render/utc-time.ts";

/** Who is asking the pool for a connection. */
export interface Asker {
  /**
   * The guardian's probe: it dials a node that timed out even within the request backoff, since
   * its answer is what tells everyone else whether the node is back.
   */
  probe?: boolean;
}

/** A node that timed out: a dial, or a kept connection that stalled. */
interface Silence {
  /** When the first unanswered attempt of this streak began: what "not answering since" says. */
  since: number;
  /** When the latest timeout was seen: the request backoff runs from here. */
  at: number;
  error: OysterError;
  /** The connection settings it timed out with: a changed address is dialled at once. */
  key: string;
}

/**
 * The nodes that stopped answering, as the pool learns it. Requests (every command) do not dial
 * such a node again within the backoff: they get "not answering since <time>" at once instead of
 * each waiting out its own connect timeout on a node the bot has known for minutes to be hung.
 * The guardian's probe dials regardless, so it keeps the streak going while the node stays silent
 * and ends it (`answered`) the moment the node answers.
 */
export class NotAnswering {
  private readonly silent = new Map<string, Silence>();

  constructor(private readonly backoffMs: number, private readonly now: () => number) {}

  /**
   * A timeout seen now, for an attempt that began at `since`. A streak keeps its first `since`:
   * every failing probe refreshes the backoff, but the node has not answered since the first.
   */
  timedOut(name: string, key: string, error: OysterError, since = this.now()): void {
    const prev = this.silent.get(name);
    const streak = prev && prev.key === key ? Math.min(prev.since, since) : since;
    this.silent.set(name, { since: streak, at: this.now(), error, key });
  }

  /** A kept connection dropped for unanswered keepalives: silent for `silentMs` up to now. */
  keepalivesUnanswered(name: string, key: string, silentMs: number): void {
    const e = new OysterError("SshTimeout", `${name}: the kept connection stalled: keepalives unanswered for ${silentMs} ms`, { node: name, phase: "keepalive", tcpConnected: true, stalled: true });
    this.timedOut(name, key, e, this.now() - silentMs);
  }

  /** The node answered (a dial or a command got through): requests dial it again at once. */
  answered(name: string): void {
    this.silent.delete(name);
  }

  /** Within the backoff for a request: throws the timeout again, now, saying since when. */
  refuse(name: string, key: string): void {
    const s = this.silent.get(name);
    if (!s) return;
    if (s.key !== key) {
      this.silent.delete(name);
      return;
    }
    const ago = this.now() - s.at;
    if (ago >= this.backoffMs) return;
    const cause = s.error.message.startsWith(`${name}: `) ? s.error.message.slice(name.length + 2) : s.error.message;
    const left = Math.ceil((this.backoffMs - ago) / 1000);
    throw new OysterError(
      "SshTimeout",
      `${name}: not answering since ${utcSecond(s.since)} (last timeout ${Math.round(ago / 1000)} s ago: ${cause}); not dialled again for ${left} s unless the guardian's probe gets an answer`,
      { ...s.error.details, node: name, backoff: true, notAnsweringSince: new Date(s.since).toISOString(), timedOutAgoMs: ago },
    );
  }

  /** When the node's latest timeout was seen, while it has not answered since. */
  lastTimeout(name: string): number | undefined {
    return this.silent.get(name)?.at;
  }

  /** When the node stopped answering, while it has not answered since. */
  since(name: string): number | undefined {
    return this.silent.get(name)?.since;
  }
}
