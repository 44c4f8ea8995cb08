import { hostname } from "node:os";
import { withDeadline } from "./async/with-deadline.ts";
import { OysterError, toOysterError } from "./errors.ts";
import type { Logger } from "./log.ts";
import type { Announcement, Announcer } from "./notify/announcement.ts";
import type { DeliveryChannel, OutboxItem } from "./notify/delivery-types.ts";
import { escapeHtml } from "./render/escape.ts";
import { dataDirSpace, fullProblem, type DataDirSpace, type SpaceStatfs } from "./files/data-dir-space.ts";

export interface DataDirWatchOptions {
  dir: string;
  log: Logger;
  /** The process's ways out (Slack, email), used directly while the outbox cannot be written. */
  channels: readonly DeliveryChannel[];
  /** The normal, durable way (the outbox), for the all-clear once there is room again. */
  announcer: Announcer;
  everyMs?: number;
  /** How long one direct send may take before the next channel is tried. */
  sendDeadlineMs?: number;
  statfs?: SpaceStatfs;
  now?: () => Date;
}

const EVERY_MS = 5_000;
const SEND_DEADLINE_MS = 30_000;
/** Between direct attempts when every channel failed (each may take its own timeouts). */
const RETRY_MS = 60_000;

/**
 * The bot's watch on its own data dir. Everything Oyster records lives there (state.db with the
 * job runs, alerts and the outbox; alert files; the log), so a full disk silences the usual way of
 * alerting: the alert could not even be queued. So this watch, every few seconds (statfs is one
 * system call) and whenever a write is seen failing for lack of space: logs it, sends the alert
 * straight through every channel that works (Slack, email; retried every minute until one
 * takes it), and offers the problem to /healthz. When space is back, the all-clear goes through the
 * outbox as usual. The bot keeps running throughout: jobs go on and fail cleanly.
 */
export class DataDirWatch {
  private timer: NodeJS.Timeout | undefined;
  private fullSince: Date | undefined;
  private told: string[] = [];
  /** A write failed for lack of space (seen before statfs agreed, or when only writes can tell). */
  private writeFailedAt: number | undefined;
  private last: DataDirSpace | undefined;
  private checking: Promise<DataDirSpace> | undefined;
  private readonly now: () => Date;
  /** After every channel failed: not before this (Date.now()). */
  private retryAt = 0;

  constructor(private readonly o: DataDirWatchOptions) {
    this.now = o.now ?? (() => new Date());
  }

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.o.everyMs ?? EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** For /healthz: the problem while the data dir is full. */
  problem(): string | undefined {
    return this.fullSince ? (this.last?.problem ?? fullProblem(this.o.dir, this.last?.freeBytes ?? 0)) : undefined;
  }

  /** Anything the bot saw fail: a lack of space makes the watch look now instead of at its next round. */
  noteFailure(err: unknown): void {
    if (!isLackOfSpace(err)) return;
    this.writeFailedAt = Date.now();
    void this.check();
  }

  /** One round; rounds never overlap. */
  check(): Promise<DataDirSpace> {
    this.checking ??= this.round().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async round(): Promise<DataDirSpace> {
    const space = dataDirSpace(this.o.dir, this.o.statfs);
    // A failed write counts for two rounds: statfs can show room that a write cannot use (quota, inodes).
    const recentFailure = this.writeFailedAt !== undefined && Date.now() - this.writeFailedAt < 2 * (this.o.everyMs ?? EVERY_MS);
    const full = space.full || recentFailure;
    this.last = full && !space.problem ? { ...space, full, problem: fullProblem(this.o.dir, space.freeBytes) } : { ...space, full };
    if (full && !this.fullSince) {
      this.fullSince = this.now();
      this.told = [];
      this.o.log.error({ dir: this.o.dir, freeBytes: space.freeBytes }, "data dir is full: Oyster keeps running but cannot record job runs, alerts or the outbox until space is freed");
    }
    if (full && this.told.length === 0 && Date.now() >= this.retryAt) await this.alertDirectly(this.last);
    if (!full && this.fullSince) await this.allClear(space);
    return this.last;
  }

  /** Straight through the channels, bypassing the outbox (which lives on the full disk). */
  private async alertDirectly(space: DataDirSpace): Promise<void> {
    const announcement = fullAnnouncement(space, this.fullSince!);
    const item: OutboxItem = { id: 0, key: announcement.key, payload: { kind: "announcement", announcement }, createdAt: this.now().toISOString(), attempts: 0 };
    const failures: string[] = [];
    let tried = 0;
    for (const channel of this.o.channels) {
      const serves = channel.configuredFor ? channel.configuredFor("announcement", item.payload) : channel.configured();
      if (!serves) continue;
      tried++;
      try {
        const deadline = this.o.sendDeadlineMs ?? SEND_DEADLINE_MS;
        await withDeadline(channel.deliver(item), deadline, () => new Error(`no answer within ${deadline} ms`));
        this.told.push(channel.name);
      } catch (err) {
        failures.push(`${channel.name}: ${toOysterError(err).message}`);
      }
    }
    if (this.told.length > 0) {
      this.o.log.warn({ via: this.told, failures }, "data dir full: alert sent directly (not through the outbox)");
    } else if (tried === 0) {
      this.told = ["log"];
      this.o.log.warn("data dir full: neither Slack nor email is configured; this log is the only place that says so");
    } else {
      this.retryAt = Date.now() + RETRY_MS;
      this.o.log.error({ failures, retryInMs: RETRY_MS }, "data dir full: no channel took the alert; trying again");
    }
  }

  private async allClear(space: DataDirSpace): Promise<void> {
    const since = this.fullSince!;
    this.fullSince = undefined;
    this.o.log.info({ dir: this.o.dir, freeBytes: space.freeBytes }, "data dir has room again");
    const told = this.told.filter((t) => t !== "log");
    this.told = [];
    this.retryAt = 0;
    if (told.length === 0) return;
    try {
      await this.o.announcer.announce(clearAnnouncement(space, since));
    } catch (err) {
      this.o.log.warn({ err: toOysterError(err).message }, "data dir all-clear could not be queued");
    }
  }
}

function fullAnnouncement(space: DataDirSpace, since: Date): Announcement {
  const text = [
    `Oyster on ${hostname()}: ${space.problem ?? fullProblem(space.path, space.freeBytes)}.`,
    "Oyster keeps running and its jobs go on, but what they find cannot be recorded or queued; this message was sent directly.",
    `Free space in ${space.path} (old snapshots in snapshots/, rotated logs in logs/, or whatever else fills that disk).`,
  ].join("\n");
  return { key: `data-dir-full:${since.toISOString()}`, subject: `Oyster: data dir full on ${hostname()}`, text, html: `<pre>${escapeHtml(text)}</pre>`, blocks: [] };
}

function clearAnnouncement(space: DataDirSpace, since: Date): Announcement {
  const text = `Oyster on ${hostname()}: data dir ${space.path} has room again (${Math.round(space.freeBytes / (1024 * 1024))} MB free); it was full from ${since.toISOString()}.`;
  return { key: `data-dir-clear:${since.toISOString()}`, subject: `Oyster: data dir has room again on ${hostname()}`, text, html: `<pre>${escapeHtml(text)}</pre>`, blocks: [] };
}

/** ENOSPC, SQLite's SQLITE_FULL, or either already typed: judged by code, never by message. */
function isLackOfSpace(err: unknown): boolean {
  if (err instanceof OysterError) return err.code === "DiskFull";
  const code = (err as { code?: unknown } | null)?.code;
  return code === "ENOSPC" || (typeof code === "string" && code.startsWith("SQLITE_FULL"));
}
