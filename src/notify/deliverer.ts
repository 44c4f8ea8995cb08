import type { AlertEvent, Notifier } from "../alerts/types.ts";
import type { Logger } from "../log.ts";
import type { Announcement, Announcer } from "./announcement.ts";
import { ChannelHolds } from "./channel-holds.ts";
import { ChannelRefusal, describeDeliveryError } from "./delivery-error.ts";
import { refusalNotice } from "./refusal-notice.ts";
import { gateRound, heldByGate, type DeliveryGate } from "./delivery-gate.ts";
import type { DeliveryChannel, OutboxItem, OutboxPayload } from "./delivery-types.ts";
import { alertEventKey, reportKey } from "./event-key.ts";
import { enqueueFallbackSummary } from "./fallback-summary.ts";
import type { ChannelName, Outbox } from "./outbox.ts";
import type { ReportMessage, ReportSink } from "./report-sink.ts";
import { retryDelayMs } from "./retry-delay.ts";
import { withDeadline } from "../async/with-deadline.ts";
import type { View } from "../render/view.ts";

const noAnswer = (what: string, ms: number) => new Error(`${what} did not answer within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);

/** How often a started worker looks for items other processes (the CLI) queued and left. */
export const POLL_MS = 30_000;
/** After this many items in a row failed on every channel, the way out is down, not the message. */
export const FAILURES_BEFORE_PAUSE = 3;
/** A channel call still unsettled after this counts as failed, so one hung call cannot stall delivery. */
export const CHANNEL_DEADLINE_MS = 3 * 60_000;

export interface DelivererOptions {
  outbox: Outbox;
  /** In order of preference (Slack, then email); unconfigured channels are skipped. */
  channels: DeliveryChannel[];
  log: Logger;
  now?: () => Date;
  /** Secret values kept out of the errors stored in state.db (the log scrubs its own lines). */
  secrets?: string[];
  /**
   * Test hook, the crash point: runs after a channel took the item and before it is recorded as
   * delivered. A fixture SIGKILLs itself here to prove a crash repeats at most this item.
   */
  afterSend?: (item: OutboxItem, via: ChannelName) => void | Promise<void>;
  retryDelay?: (failures: number) => number;
  pollMs?: number;
  /** What may hold an item back however the channels fare (silences); none: everything goes. */
  gate?: DeliveryGate;
  /** The language the summary of what went by email lists its items in (`locale`); English when absent. */
  view?: View;
}

/** `called`: some channel was really called (not all of them held, which costs nothing). */
type Outcome = { ok: true } | { ok: false; retryAt: Date; called: boolean };

/** What goes to every configured channel, one copy each (report, announcement). */
type EveryChannelPayload = Extract<OutboxPayload, { kind: "report" | "announcement" }>;

/** The channel an item was queued for, or undefined for "the first that takes it". */
function viaOf(payload: OutboxPayload): ChannelName | undefined {
  return "via" in payload ? payload.via : undefined;
}

/**
 * Alerts, reports and announcements go into the outbox (state.db) first, then out: Slack, else
 * email, else they wait and are retried with backoff, across restarts. One worker per Deliverer,
 * one pass at a time. A channel whose failure concerns every item is not called for a while
 * (channel-holds.ts): a refused token until restart, Slack's Retry-After for as long as it says,
 * a hang for the backoff; the items meanwhile go by the other channel or wait, none is lost. When
 * only a person can fix it (a refused token or channel), one message tells them by the others.
 */
export class Deliverer implements Notifier, ReportSink, Announcer {
  private readonly now: () => Date;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private again = false;
  /** The last attempt failed everywhere: the next success means the way out is back. */
  private failing = false;
  /** Channels not called for now (a refused token, a Retry-After, a hang), see channel-holds.ts. */
  private readonly holds: ChannelHolds;
  /** Refusal notices this process queued already (the outbox key dedupes across processes too). */
  private readonly noticed = new Set<string>();

  constructor(private readonly opts: DelivererOptions) {
    this.now = opts.now ?? (() => new Date());
    this.holds = new ChannelHolds(this.now);
  }

  /** Durable once it returns (the event is in state.db); delivery happens in the background. */
  async notify(event: AlertEvent): Promise<void> {
    this.enqueue(alertEventKey(event), { kind: "alert-event", event });
  }

  /**
   * The report is for everyone on every channel: one outbox item per configured channel (the
   * Slack copy never falls back to email, which has its own copy).
   */
  async sendReport(report: ReportMessage): Promise<void> {
    this.enqueueEverywhere(reportKey(report.subject, this.now()), { kind: "report", report });
  }

  /** Like a report: one copy per configured channel under `${a.key}:${via}`, so a repeat sends nothing. */
  async announce(announcement: Announcement): Promise<void> {
    this.enqueueEverywhere(announcement.key, { kind: "announcement", announcement });
  }

  /** The bot's worker: re-queues what a crash left in flight, then delivers and keeps polling. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    const recovered = this.opts.outbox.recoverInFlight();
    if (recovered > 0) this.opts.log.warn({ recovered }, "notifications were in flight when Oyster stopped; sending them again (each may arrive twice)");
    this.kick();
  }

  /**
   * Lets the item being sent finish and be recorded, then stops; false when that took longer than
   * `deadlineMs`. Nothing is lost either way: an item cut off mid-send is re-sent at the next start.
   */
  async stop(deadlineMs = CHANNEL_DEADLINE_MS): Promise<boolean> {
    this.stopped = true;
    clearTimeout(this.timer);
    const pass = this.pass;
    if (!pass) return true;
    return withDeadline(pass.catch(() => undefined), deadlineMs, () => noAnswer("delivery", deadlineMs)).then(() => true, () => false);
  }

  /** Starts a pass now (or another round of the running one). */
  kick(): void {
    if (this.stopped) return;
    this.drain().catch((err: unknown) => this.opts.log.error({ err }, "delivery pass failed"));
  }

  /** Delivers until nothing is due. Tests await it; the CLI awaits it before exiting. */
  drain(): Promise<void> {
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    this.pass = this.passes();
    return this.pass;
  }

  /**
   * One item per channel configured for it, each bound to that channel (`via`), so one failing
   * channel neither holds up nor duplicates the other's copy. With none configured, one unbound
   * item waits in the outbox for whichever channel appears first.
   */
  private enqueueEverywhere(key: string, payload: EveryChannelPayload): void {
    const targets = this.opts.channels.filter((c) => this.serves(c, payload)).map((c) => c.name);
    if (targets.length === 0) {
      this.enqueue(key, payload);
      return;
    }
    for (const via of targets) this.enqueue(`${key}:${via}`, { ...payload, via });
  }

  private serves(channel: DeliveryChannel, payload: OutboxPayload): boolean {
    return channel.configuredFor ? channel.configuredFor(payload.kind, payload) : channel.configured();
  }

  private enqueue(key: string, payload: OutboxPayload): void {
    const { id, created } = this.opts.outbox.enqueue(key, payload);
    if (!created) this.opts.log.info({ outbox: id, key }, "notification already queued; not queued again");
    this.kick();
  }

  private async passes(): Promise<void> {
    try {
      do {
        this.again = false;
        gateRound(this.opts.gate, this.opts.outbox, this.now(), this.opts.log);
        await this.deliverDue();
      } while (this.again && !this.stopped);
    } finally {
      // Cleared without an await after the loop, so a drain() from now on starts a fresh pass.
      this.pass = undefined;
      this.schedule();
    }
  }

  private schedule(): void {
    if (!this.started || this.stopped) return;
    clearTimeout(this.timer);
    const due = this.opts.outbox.nextDueAt();
    const poll = this.opts.pollMs ?? POLL_MS;
    const wait = due ? Math.min(Math.max(due.getTime() - this.now().getTime(), 50), poll) : poll;
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private async deliverDue(): Promise<void> {
    let failedInARow = 0;
    while (!this.stopped) {
      const item = this.opts.outbox.claimDue(this.now());
      if (!item) return;
      if (heldByGate(this.opts.gate, this.opts.outbox, item, this.now(), this.opts.log)) continue;
      const outcome = await this.deliverOne(item);
      if (outcome.ok) {
        failedInARow = 0;
      } else if (outcome.called && ++failedInARow >= FAILURES_BEFORE_PAUSE) {
        // Each further item would only wait out the same timeouts: they all try again together.
        this.opts.outbox.deferDue(outcome.retryAt);
        return;
      }
    }
  }

  private async deliverOne(item: OutboxItem): Promise<Outcome> {
    const failures: string[] = [];
    const via = viaOf(item.payload);
    let called = false;
    // The earliest a channel for this item may be called again (a hold's end); Infinity: none may.
    let readyAt = Infinity;
    for (const channel of this.opts.channels) {
      if (via && channel.name !== via) continue;
      if (!this.serves(channel, item.payload)) continue;
      const held = this.holds.held(channel.name);
      if (held !== undefined) {
        failures.push(`${channel.name}: ${held}`);
        readyAt = Math.min(readyAt, this.holds.readyAt(channel.name));
        continue;
      }
      called = true;
      const started = performance.now();
      try {
        await withDeadline(channel.deliver(item), CHANNEL_DEADLINE_MS, () => noAnswer(channel.name, CHANNEL_DEADLINE_MS));
      } catch (err) {
        failures.push(`${channel.name}: ${describeDeliveryError(err, this.opts.secrets)}`);
        this.channelFailed(channel.name, err, performance.now() - started);
        readyAt = Math.min(readyAt, this.holds.readyAt(channel.name));
        continue;
      }
      this.holds.succeeded(channel.name);
      await this.opts.afterSend?.(item, channel.name);
      this.opts.outbox.markDelivered(item.id, channel.name, failures.length > 0 ? failures.join("; ") : null);
      this.delivered(item, channel.name, failures);
      return { ok: true };
    }
    const error = failures.length > 0 ? failures.join("; ") : "no delivery channel is configured (Slack tokens, or SMTP_URL and email.to)";
    const attempts = item.attempts + 1;
    const backoff = this.now().getTime() + (this.opts.retryDelay ?? retryDelayMs)(attempts);
    // Not before a channel may be called again (Slack's Retry-After): trying earlier only fails.
    const retryAt = new Date(readyAt === Infinity ? backoff : Math.max(backoff, readyAt));
    this.opts.outbox.markFailed(item.id, error, retryAt);
    // Only a failed call says the way out is down: an item whose channels are all on hold costs nothing.
    if (called) this.failing = true;
    this.opts.log.warn({ outbox: item.id, key: item.key, attempts, error, retryAt: retryAt.toISOString() }, "delivery failed on every channel; kept in the outbox");
    return { ok: false, retryAt, called };
  }

  /** A channel's failure may hold it (channel-holds.ts) and, when a person must act, tell them by the others. */
  private channelFailed(name: ChannelName, err: unknown, elapsedMs: number): void {
    const hold = this.holds.failed(name, err, elapsedMs);
    if (hold) this.opts.log.warn({ channel: name, until: Number.isFinite(hold.until) ? new Date(hold.until).toISOString() : "restart", reason: hold.reason }, "delivery channel on hold");
    if (!(err instanceof ChannelRefusal) || !err.info.action) return;
    const notice = refusalNotice(name, err, this.now(), this.holds.stopped(name));
    if (this.noticed.has(notice.key)) return;
    this.noticed.add(notice.key);
    const others = this.opts.channels.filter((c) => c.name !== name && this.serves(c, { kind: "announcement", announcement: notice, via: c.name }));
    this.opts.log.error({ channel: name, code: err.info.code, notifying: others.map((c) => c.name) }, `${err.message}: ${err.info.action}`);
    for (const c of others) this.enqueue(`${notice.key}:${c.name}`, { kind: "announcement", announcement: notice, via: c.name });
  }

  private delivered(item: OutboxItem, via: ChannelName, failures: string[]): void {
    const { log, outbox } = this.opts;
    if (failures.length > 0) log.warn({ outbox: item.id, key: item.key, via, error: failures.join("; ") }, "delivered by fallback");
    else log.info({ outbox: item.id, key: item.key, via }, "notification delivered");
    if (this.failing) {
      // Back after an outage: what waited for its retry goes now, oldest first.
      this.failing = false;
      outbox.pullForward(this.now());
    }
    if (via !== "slack") return;
    const summary = enqueueFallbackSummary(outbox, this.opts.view);
    if (summary) log.info(summary, "Slack is back: summary of what went by email queued");
  }
}
