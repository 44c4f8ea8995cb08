import type ssh2 from "ssh2";
import { OysterError, toOysterError } from "../errors.ts";
import { dial, KEEPALIVE_COUNT_MAX, type DialOptions } from "./dial.ts";
import { execOn, type ExecOptions, type ExecResult } from "./exec.ts";
import { mapLimit } from "../async/map-limit.ts";
import { NotAnswering, type Asker } from "./not-answering.ts";
import type { SshTarget } from "./resolve.ts";

export interface PoolOptions extends DialOptions {
  commandTimeoutMs: number;
  concurrency: number;
  /** Connections unused this long are closed; the guardian's period keeps the fleet's warm. */
  idleMs?: number;
  /**
   * A node that timed out (a dial, or a kept connection that stalled) is not dialled again by
   * requests for this long: every command (status, sync, ps, ...) gets "not answering since" at
   * once instead of waiting out its own timeout. The guardian's probe (`probe: true`) dials
   * regardless and ends it when the node answers. 0: no backoff.
   */
  dialBackoffMs?: number;
  /** Told each time a connection is dialled (tests count them: one timeout per node per run). */
  onDial?: (node: string) => void;
  now?: () => number;
}

export type PoolExecOptions = Partial<ExecOptions> & Asker;

interface Entry {
  client: ssh2.Client;
  lastUsed: number;
  /** Commands running on it now: the idle sweep never closes a connection under one. */
  running: number;
  /** The connection settings it was dialled with: a kept connection is only reused for the same. */
  key: string;
}

export type NodeOutcome<T> = { node: string; ok: true; value: T } | { node: string; ok: false; error: OysterError };

const DEFAULT_IDLE_MS = 15 * 60_000;
/** The longest a timed-out command's connection is given to show it still answers. */
const LIVENESS_MS = 1000;

/** What a connection depends on: a node whose key changes needs a new connection, not the kept one. */
function connectionKey(t: SshTarget): string {
  return JSON.stringify([t.host, t.port, t.user, t.identityFiles, t.proxyJump ?? null]);
}

/**
 * Keeps one SSH connection per node open between runs: a warm exec costs a few ms where a fresh
 * handshake costs ~85 ms of the node's CPU. Dead connections (keepalive failure, node gone) are
 * forgotten and re-dialled on next use.
 */
export class SshPool {
  private readonly targets = new Map<string, SshTarget>();
  private readonly open = new Map<string, Entry>();
  private readonly dialing = new Map<string, Promise<Entry>>();
  private readonly silent: NotAnswering;
  private readonly sweeper: NodeJS.Timeout;
  private closed = false;

  constructor(targets: SshTarget[], private readonly opts: PoolOptions) {
    for (const t of targets) this.targets.set(t.name, t);
    this.silent = new NotAnswering(opts.dialBackoffMs ?? 0, () => this.now());
    const idle = opts.idleMs ?? DEFAULT_IDLE_MS;
    this.sweeper = setInterval(() => this.closeIdle(idle), Math.min(idle, 60_000));
    this.sweeper.unref();
  }

  get nodeNames(): string[] {
    return [...this.targets.keys()];
  }

  /** The configured node by name; an unknown name never reaches the network. */
  target(name: string): SshTarget {
    const t = this.targets.get(name);
    if (!t) throw new OysterError("UnknownNode", `unknown node "${name}" (known: ${this.nodeNames.join(", ") || "none configured"})`, { node: name });
    return t;
  }

  /**
   * Replaces the fleet (a reloaded nodes.json). A node removed, or whose host, port, user, keys or
   * jump host changed, loses its kept connection; the others keep theirs. A dial already under way
   * finishes, and its connection is replaced at next use when its settings are stale.
   */
  setTargets(targets: readonly SshTarget[]): void {
    const next = new Map(targets.map((t) => [t.name, t] as const));
    this.targets.clear();
    for (const [name, t] of next) this.targets.set(name, t);
    for (const [name, entry] of [...this.open]) {
      const t = next.get(name);
      if (!t || connectionKey(t) !== entry.key) this.drop(name);
    }
  }

  isOpen(name: string): boolean {
    return this.open.has(name);
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private async entry(name: string, asker: Asker = {}): Promise<{ entry: Entry; fresh: boolean }> {
    const target = this.target(name);
    if (this.closed) throw new OysterError("SshError", "the SSH pool is closed", { node: name });
    const key = connectionKey(target);
    const existing = this.open.get(name);
    if (existing && existing.key === key) return { entry: existing, fresh: false };
    if (existing) this.drop(name);
    if (!asker.probe) this.silent.refuse(name, key);
    let pending = this.dialing.get(name);
    if (!pending) {
      this.opts.onDial?.(name);
      const dialledAt = this.now();
      pending = dial(target, this.opts).then((client) => {
        this.silent.answered(name);
        const entry: Entry = { client, lastUsed: this.now(), running: 0, key };
        const forget = () => {
          if (this.open.get(name) === entry) this.open.delete(name);
        };
        client.on("close", forget);
        client.on("error", (err: Error & { level?: string }) => {
          // The node froze under a kept connection: ssh2 gives up after KEEPALIVE_COUNT_MAX + 1 silent intervals.
          if (err.level === "client-timeout" && this.open.get(name) === entry) this.silent.keepalivesUnanswered(name, key, (KEEPALIVE_COUNT_MAX + 1) * this.opts.keepaliveMs);
          forget();
        });
        // Only possible across a setTargets: never leave the other connection open unowned.
        if (this.open.has(name)) this.drop(name);
        this.open.set(name, entry);
        return entry;
      });
      this.dialing.set(name, pending);
      pending.finally(() => this.dialing.delete(name)).catch((err: unknown) => {
        const e = toOysterError(err);
        if (e.code === "SshTimeout") this.silent.timedOut(name, key, e, dialledAt);
      });
    }
    return { entry: await pending, fresh: true };
  }

  /** When the node last timed out (a dial or a stall), while it has not answered since. */
  lastTimeout(name: string): number | undefined {
    return this.silent.lastTimeout(name);
  }

  /** When the node stopped answering (the first timeout with no answer since), if it has. */
  notAnsweringSince(name: string): number | undefined {
    return this.silent.since(name);
  }

  /** An open client for `name`, dialling when needed (for SFTP and other channel kinds). */
  async client(name: string, asker: Asker = {}): Promise<ssh2.Client> {
    const { entry } = await this.entry(name, asker);
    entry.lastUsed = this.now();
    return entry.client;
  }

  /**
   * Runs one command; a kept connection that turns out dead is dropped and re-dialled once.
   * `probe: true` only for the guardian's probe (see Asker).
   */
  async exec(name: string, command: string, options: PoolExecOptions = {}): Promise<ExecResult> {
    const { probe, ...execOptions } = options;
    const asker: Asker = probe ? { probe } : {};
    const opts: ExecOptions = { timeoutMs: this.opts.commandTimeoutMs, ...execOptions };
    const { entry, fresh } = await this.entry(name, asker);
    try {
      return this.heard(name, await this.execWatched(name, entry, command, opts));
    } catch (err) {
      const e = toOysterError(err);
      if (fresh || e.code !== "SshError") throw e;
      this.drop(name);
      const again = await this.entry(name, asker);
      return this.heard(name, await this.execWatched(name, again.entry, command, opts));
    }
  }

  /**
   * One exec; one the node never answered at all (no channel) is a stall, counted from its start.
   * A command that started and then timed out is either slow or the node froze under it (a hung
   * node looks exactly like this): the connection is asked for one more channel, briefly, before
   * it is dropped (timedOut). No answer there is a stall too, so what follows (restart's read of
   * the unit after a restart that timed out) is told "not answering" at once instead of dialling
   * the frozen node and waiting out a second timeout.
   */
  private async execWatched(name: string, entry: Entry, command: string, opts: ExecOptions): Promise<ExecResult> {
    const started = this.now();
    entry.lastUsed = started;
    entry.running++;
    try {
      return await execOn(entry.client, name, command, opts);
    } catch (err) {
      const e = toOysterError(err);
      if (e.code !== "SshTimeout" || e.details.phase !== "command") throw e;
      if (e.details.stalled === true) {
        if (this.open.get(name) === entry) this.drop(name);
        this.silent.timedOut(name, entry.key, e, started);
        throw e;
      }
      throw await this.ranOutOfTime(name, entry, e, started, opts.timeoutMs);
    } finally {
      entry.running--;
      entry.lastUsed = this.now();
    }
  }

  /**
   * Work on `name`'s kept connection (a command, an upload) ran out of time: the connection is
   * dropped, and when it no longer answers at all the node froze under that work, so the node is
   * recorded as not answering since the work began, `timeoutMs` ago (requests that follow are told
   * so at once). Returns the error to throw: `e`, saying so when the node froze.
   */
  async timedOut(name: string, e: OysterError, timeoutMs: number): Promise<OysterError> {
    const entry = this.open.get(name);
    if (!entry) return e;
    return this.ranOutOfTime(name, entry, e, this.now() - timeoutMs, timeoutMs);
  }

  private async ranOutOfTime(name: string, entry: Entry, e: OysterError, started: number, timeoutMs: number): Promise<OysterError> {
    const frozen = !(await this.stillAnswers(entry, name, timeoutMs));
    if (this.open.get(name) === entry) this.drop(name);
    if (!frozen) return e;
    const stalled = new OysterError("SshTimeout", `${e.message}, and the connection stopped answering (the node froze under it)`, { ...e.details, stalled: true, tcpConnected: true }, { cause: e });
    this.silent.timedOut(name, entry.key, stalled, started);
    return stalled;
  }

  /** Whether a connection whose work timed out still opens a channel (a fraction of that timeout, at most 1 s). */
  private async stillAnswers(entry: Entry, name: string, timeoutMs: number): Promise<boolean> {
    try {
      await execOn(entry.client, name, "true", { timeoutMs: Math.min(LIVENESS_MS, Math.max(100, Math.round(timeoutMs / 4))) });
      return true;
    } catch (err) {
      // A connection that closed has answered (the peer closed it); only silence means frozen.
      return toOysterError(err).code !== "SshTimeout";
    }
  }

  private heard(name: string, r: ExecResult): ExecResult {
    this.silent.answered(name);
    return r;
  }

  /** Runs `fn` for each node, `ssh.concurrency` at a time; one node's failure never stops the others. */
  async forEach<T>(names: readonly string[], fn: (target: SshTarget) => Promise<T>): Promise<NodeOutcome<T>[]> {
    const targets = names.map((n) => this.target(n));
    return mapLimit(targets, this.opts.concurrency, async (t): Promise<NodeOutcome<T>> => {
      try {
        return { node: t.name, ok: true, value: await fn(t) };
      } catch (err) {
        return { node: t.name, ok: false, error: toOysterError(err) };
      }
    });
  }

  drop(name: string): void {
    const entry = this.open.get(name);
    if (!entry) return;
    this.open.delete(name);
    entry.client.end();
    // end() waits for the peer; a hung node never answers, so also cut the socket.
    setTimeout(() => entry.client.destroy(), 1000).unref();
  }

  private closeIdle(idleMs: number): void {
    const cutoff = this.now() - idleMs;
    for (const [name, entry] of this.open) if (entry.running === 0 && entry.lastUsed < cutoff) this.drop(name);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.dialing.values()]);
    for (const [, entry] of this.open) entry.client.destroy();
    this.open.clear();
  }
}
