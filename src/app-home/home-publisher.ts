import type { Logger } from "../log.ts";
import type { HomeView } from "./home-view.ts";
import { HomeViewers } from "./home-viewers.ts";

/** The one Web API method the Home needs (Bolt's `app.client` has it). */
export interface HomeClient {
  views: { publish(args: { user_id: string; view: HomeView }): Promise<unknown> };
}

export interface HomePublisherOptions {
  client: HomeClient;
  /** The Home as stored state says now: built once per refresh and sent to every recent viewer. */
  build: () => HomeView;
  /** What a user who may not see the fleet gets instead (undefined: they may see it). */
  refusal: (userId: string) => HomeView | undefined;
  log: Logger;
  nowMs?: () => number;
  /** Changes arriving within this long are published as one refresh (an alert storm is one). */
  coalesceMs?: number;
  /** At least this long between two refreshes of everyone's Home. */
  minIntervalMs?: number;
  viewers?: HomeViewers;
  /** Open alerts as one string: a change made by another process (the CLI's `ack`) refreshes too. */
  alertsFingerprint?: () => string;
  /** How often the fingerprint is read (only while the bot runs: see start()). */
  watchMs?: number;
}

/**
 * views.publish is Tier 4 (100+ a minute): a refresh goes to the REFRESH_MAX users who opened Home
 * most recently (anyone else sees fresh data when they next open the tab), refreshes at least 20 s
 * apart: under 90 calls a minute however many alerts change.
 */
const DEFAULTS = { coalesceMs: 2_000, minIntervalMs: 20_000, watchMs: 30_000 };
const REFRESH_MAX = 30;
/** views.publish errors after which publishing to that user again is pointless. */
const GONE = new Set(["user_not_found", "account_inactive", "invalid_user_id"]);

const slackError = (err: unknown): string | undefined => (err as { data?: { error?: unknown } })?.data?.error as string | undefined;

/**
 * Publishes the App Home. Opening the tab publishes that user's Home at once; an alert change
 * schedules one refresh for every user who opened Home recently, coalesced (changes within
 * `coalesceMs` make one refresh, refreshes at least `minIntervalMs` apart) and sent one user at a
 * time, so a storm of a hundred alerts is a handful of views.publish calls, not a hundred per user.
 */
export class HomePublisher {
  readonly viewers: HomeViewers;
  private readonly nowMs: () => number;
  private readonly coalesceMs: number;
  private readonly minIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private watch: NodeJS.Timeout | undefined;
  private lastRoundAt = Number.NEGATIVE_INFINITY;
  private lastFingerprint: string | undefined;
  private stopped = false;
  /** A refresh is publishing; a change meanwhile schedules the next one when it ends. */
  private busy = false;
  private changedWhileBusy = false;
  /** Refreshes of everyone's Home done so far (for tests and the log). */
  rounds = 0;

  constructor(private readonly opts: HomePublisherOptions) {
    this.nowMs = opts.nowMs ?? Date.now;
    this.coalesceMs = opts.coalesceMs ?? DEFAULTS.coalesceMs;
    this.minIntervalMs = opts.minIntervalMs ?? DEFAULTS.minIntervalMs;
    this.viewers = opts.viewers ?? new HomeViewers({ windowMs: 24 * 3600_000, max: REFRESH_MAX });
  }

  /** A user opened the Home tab: their view now, from stored state. */
  async opened(userId: string): Promise<void> {
    const refused = this.opts.refusal(userId);
    if (refused) {
      this.viewers.forget(userId);
      await this.publish(userId, refused);
      return;
    }
    this.viewers.saw(userId, this.nowMs());
    const view = this.build();
    if (view) await this.publish(userId, view);
  }

  /** An alert was raised, acknowledged, snoozed or resolved: refresh recent viewers soon, once. */
  alertChanged(): void {
    if (this.busy) this.changedWhileBusy = true;
    if (this.stopped || this.timer !== undefined || this.busy) return;
    const delay = Math.max(this.coalesceMs, this.lastRoundAt + this.minIntervalMs - this.nowMs());
    this.timer = setTimeout(() => void this.round(), delay);
    this.timer.unref();
  }

  /** Starts watching the alerts table for changes other processes make. */
  start(): void {
    const fingerprint = this.opts.alertsFingerprint;
    if (!fingerprint || this.watch || this.stopped) return;
    this.lastFingerprint = this.safely(fingerprint);
    this.watch = setInterval(() => {
      const now = this.safely(fingerprint);
      if (now !== undefined && this.lastFingerprint !== undefined && now !== this.lastFingerprint) this.alertChanged();
      if (now !== undefined) this.lastFingerprint = now;
    }, this.opts.watchMs ?? DEFAULTS.watchMs);
    this.watch.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.watch);
    this.timer = undefined;
    this.watch = undefined;
  }

  private async round(): Promise<void> {
    this.timer = undefined;
    this.busy = true;
    try {
      await this.refreshAll();
    } finally {
      this.busy = false;
    }
    if (this.changedWhileBusy) {
      this.changedWhileBusy = false;
      this.alertChanged();
    }
  }

  private async refreshAll(): Promise<void> {
    const users = this.viewers.recent(this.nowMs()).filter((u) => {
      if (this.opts.refusal(u) === undefined) return true;
      this.viewers.forget(u); // their role changed since they opened it
      return false;
    });
    if (users.length === 0 || this.stopped) return;
    this.lastRoundAt = this.nowMs();
    this.rounds += 1;
    // The watch saw this round's state: it must not refresh again for the same change.
    if (this.opts.alertsFingerprint) this.lastFingerprint = this.safely(this.opts.alertsFingerprint) ?? this.lastFingerprint;
    const view = this.build();
    if (!view) return;
    for (const user of users) {
      if (this.stopped) return;
      await this.publish(user, view);
    }
  }

  private build(): HomeView | undefined {
    try {
      return this.opts.build();
    } catch (err) {
      this.opts.log.warn({ err: (err as Error).message }, "app home: the view could not be built");
      return undefined;
    }
  }

  private async publish(userId: string, view: HomeView): Promise<void> {
    try {
      await this.opts.client.views.publish({ user_id: userId, view });
    } catch (err) {
      const code = slackError(err);
      if (code && GONE.has(code)) this.viewers.forget(userId);
      this.opts.log.warn({ user: userId, error: code ?? (err as Error).message }, "app home: views.publish failed");
    }
  }

  private safely(read: () => string): string | undefined {
    try {
      return read();
    } catch {
      return undefined;
    }
  }
}
