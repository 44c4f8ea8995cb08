import type { webApi } from "@slack/bolt";
import type { AlertEvent } from "../alerts/types.ts";
import type { Config } from "../config/index.ts";
import type { DeliveryChannel, OutboxItem, OutboxPayload } from "../notify/delivery-types.ts";
import type { Db } from "../store/index.ts";
import { AlertPoster, DEFAULT_GROUP_WINDOW_MS } from "./alert-poster.ts";
import { threadNote } from "./alert-notes.ts";
import { fallbackSummaryMessage } from "./fallback-summary-message.ts";
import { escapeClipped } from "./render/alert-format.ts";
import { webBlocks } from "./render/web-blocks.ts";
import { ThreadReplies } from "./thread-replies.ts";
import { SECTION_TEXT_MAX } from "./render/limits.ts";
import { RATE_LIMIT_WAIT_MS, RATE_LIMIT_WAITS, rateLimitedFor, rateLimitRefusal, slackRefusal } from "./delivery-refusal.ts";
import { deliveryClientFrom } from "./web-client.ts";
import { plainView, type View } from "../render/view.ts";

export interface SlackChannelOptions {
  /**
   * The bot's Web API client (`app.client`), or undefined when Slack is off. Delivery takes its
   * token and API URL and calls with a client of its own (web-client.ts, deliveryClientFrom): one
   * call per attempt, `timeoutMs` at most, 429s handed back rather than waited out inside it.
   */
  client: webApi.WebClient | undefined;
  /** One Web API call of a delivery gives up after this long (default DELIVERY_TIMEOUT_MS, 10 s). */
  timeoutMs?: number;
  /** Waits out a short Retry-After (tests pass a fake that records the wait). */
  sleep?: (ms: number) => Promise<void>;
  /** state.db: where each alert's message is remembered (slack_alert_messages). */
  db: Db;
  config: Pick<Config, "oyster">;
  now?: () => Date;
  /** Alerts raised within this long of a message's first one share it (a storm); default 60 s, 0 never. */
  groupWindowMs?: number;
}

/**
 * How long a delivery waits for the one before it. The outbox gives up on a hung call after its
 * deadline; the next item must not then hang behind it for good.
 */
const QUEUE_WAIT_MS = 30_000;

function waitAtMost(previous: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  return Promise.race([previous, cap]).finally(() => clearTimeout(timer));
}

// The fallback text of a report or announcement: the notification shows its start; the blocks carry the rest.
const MAX_POST_TEXT = SECTION_TEXT_MAX;

/** What a new top-level message needs: reports and announcements share this shape. */
type Post = { subject: string; text: string; blocks: unknown[] };

/**
 * Slack as a delivery channel for the outbox. Each alert is one message in `slack.alertChannel`,
 * edited as it changes; reminders and the resolution also reply in its thread (an edit notifies
 * nobody). Every failure (network, HTTP 5xx, ok:false, a timeout) is thrown, never swallowed:
 * the outbox then tries email and retries later. Failures that concern every item are thrown as a
 * ChannelRefusal the outbox acts on: a refused token (stop calling Slack, tell a person by email),
 * a refused channel (tell a person), and a 429 whose Retry-After is longer than a short wait here
 * (do not call Slack before it has passed).
 */
export class SlackChannel implements DeliveryChannel {
  readonly name = "slack" as const;
  private readonly poster: AlertPoster | undefined;
  private readonly replies: ThreadReplies | undefined;
  // One delivery at a time: a raise joining a storm's message must see the one before it.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly client: webApi.WebClient | undefined;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Alerts are written in `locale` (oyster.json); reports and announcements arrive already written. */
  private readonly view: View;

  constructor(private readonly opts: SlackChannelOptions) {
    this.view = plainView(opts.config.oyster.locale);
    const now = opts.now ?? (() => new Date());
    const windowMs = opts.groupWindowMs ?? DEFAULT_GROUP_WINDOW_MS;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    if (opts.client) {
      this.client = deliveryClientFrom(opts.client, opts.timeoutMs);
      this.poster = new AlertPoster(this.client, opts.db, { now, groupWindowMs: windowMs, view: this.view });
      this.replies = new ThreadReplies(this.client, now, windowMs);
    }
  }

  private get slack() {
    return this.opts.config.oyster.slack;
  }

  /** Slack is on and has somewhere to put alerts. */
  configured(): boolean {
    return this.configuredFor("alert-event");
  }

  /**
   * Per kind: reports go to `slack.reportChannel`, else to the alert channel. An announcement goes
   * to its own `slackChannel`, else the alert channel: given the payload this is exact per item;
   * given only the kind it answers for the alert channel. So an announcement with neither gets no
   * Slack copy (email only) rather than one that fails forever.
   */
  configuredFor(kind: OutboxPayload["kind"], payload?: OutboxPayload): boolean {
    return this.opts.client !== undefined && this.channelFor(payload ?? kind) !== undefined;
  }

  deliver(item: OutboxItem): Promise<void> {
    const run = waitAtMost(this.queue, QUEUE_WAIT_MS).then(() => this.sendWaitingOutShortLimits(item.payload));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A 429 means Slack did nothing with the call, so sending again is safe: a short Retry-After
   * is waited out here (RATE_LIMIT_WAITS times at most), a longer one or a 429 after those goes
   * to the outbox as a refusal carrying the wait. The send is repeated whole: what it did before
   * the 429 is remembered (the message's ts), so the repeat edits instead of posting again.
   */
  private async sendWaitingOutShortLimits(payload: OutboxPayload): Promise<void> {
    for (let waits = 0; ; waits++) {
      try {
        return await this.send(payload);
      } catch (err) {
        const retryAfterS = rateLimitedFor(err);
        if (retryAfterS === undefined) throw slackRefusal(err, this.channelFor(payload));
        const ms = Math.max(0, retryAfterS) * 1000;
        if (ms > RATE_LIMIT_WAIT_MS || waits >= RATE_LIMIT_WAITS) throw rateLimitRefusal(retryAfterS);
        await this.sleep(ms);
      }
    }
  }

  private channelFor(of: OutboxPayload | OutboxPayload["kind"]): string | undefined {
    const kind = typeof of === "string" ? of : of.kind;
    const own = typeof of !== "string" && of.kind === "announcement" ? of.announcement.slackChannel : undefined;
    const fallback = kind === "report" ? this.slack.reportChannel ?? this.slack.alertChannel : this.slack.alertChannel;
    return (own || fallback) || undefined;
  }

  private async send(payload: OutboxPayload): Promise<void> {
    const channel = this.channelFor(payload);
    const client = this.client;
    if (!client || !this.poster || !this.replies || !channel) {
      // Reached only when the config changed after the item was queued for Slack.
      const missing = payload.kind === "announcement" ? "give the announcement a slackChannel or set slack.alertChannel" : "set slack.alertChannel";
      throw new Error(`Slack is not configured for ${payload.kind} (${client ? missing : "no Slack tokens"})`);
    }
    switch (payload.kind) {
      case "alert-event":
        return this.alertEvent(payload.event, channel);
      case "report":
        return this.post(client, payload.report, channel);
      case "announcement":
        return this.post(client, payload.announcement, channel);
      case "fallback-summary": {
        const m = fallbackSummaryMessage(payload.items, this.view);
        await client.chat.postMessage({ channel, text: m.text, blocks: webBlocks(m.blocks) });
        return;
      }
    }
  }

  /**
   * A raise posts (or joins a storm's message); every other event edits. A reminder and the
   * resolution also reply in the thread, unless this very call posted the message (that notified
   * already). The edit goes first: if the reply then fails, the retry edits again (harmless) and
   * replies once.
   */
  private async alertEvent({ kind, alert }: AlertEvent, channel: string): Promise<void> {
    const shown = await this.poster!.show(alert, channel, { join: kind === "raised" });
    const note = threadNote(kind, alert, this.view);
    if (note && !shown.posted) await this.replies!.add(shown, note, { coalesce: shown.shared });
  }

  /** A new message (never an edit): a report or announcement is news that should notify. */
  private async post(client: webApi.WebClient, m: Post, channel: string): Promise<void> {
    const text = escapeClipped(m.text || m.subject, MAX_POST_TEXT);
    await client.chat.postMessage({ channel, text, ...(m.blocks.length > 0 ? { blocks: webBlocks(m.blocks) } : {}) });
  }
}
