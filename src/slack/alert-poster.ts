import type { webApi } from "@slack/bolt";
import { toAlert } from "../alerts/alert-row.ts";
import { AlertTable } from "../alerts/alert-table.ts";
import type { Alert } from "../alerts/types.ts";
import type { Db } from "../store/index.ts";
import { alertGroupMessage, alertMessage, MAX_GROUP } from "./alert-message.ts";
import { SlackAlertMessages, type PlacedMessage } from "./alert-message-store.ts";
import { webBlocks } from "./render/web-blocks.ts";
import { plainView, type View } from "../render/view.ts";

export interface ShownMessage extends PlacedMessage {
  /** True when this call posted the message (a new message notifies; an edit does not). */
  posted: boolean;
  /** True when the message holds more than one alert (a storm). */
  shared: boolean;
}

export interface AlertPosterOptions {
  now?: () => Date;
  /** Raises posted within this long of a message's first one join it (default 60 s; 0: never). */
  groupWindowMs?: number;
  /** The language the messages are written in (`locale` in oyster.json): a plain view of it. */
  view?: View;
}

export const DEFAULT_GROUP_WINDOW_MS = 60_000;
// Snapshots of alerts that are not in state.db (pruned, or a test's own): bounded, oldest dropped.
const MAX_SNAPSHOTS = 500;

/**
 * One message per alert (or per burst of alerts), edited in place. Every edit renders the alerts
 * as state.db has them now, not as an event described them, so edits are idempotent and arrive in
 * any order: a late or repeated delivery never shows an older state.
 */
export class AlertPoster {
  private readonly messages: SlackAlertMessages;
  private readonly table: AlertTable;
  private readonly now: () => Date;
  private readonly windowMs: number;
  private readonly view: View;
  private readonly snapshots = new Map<string, Alert>();
  /** Per channel: the message later raises join while the window is open. */
  private readonly groups = new Map<string, { placed: PlacedMessage; startedAt: number }>();

  constructor(private readonly client: webApi.WebClient, db: Db, opts: AlertPosterOptions = {}) {
    this.now = opts.now ?? (() => new Date());
    this.messages = new SlackAlertMessages(db, this.now);
    this.table = new AlertTable(db);
    this.windowMs = opts.groupWindowMs ?? DEFAULT_GROUP_WINDOW_MS;
    this.view = opts.view ?? plainView();
  }

  /** The stored message of an alert, if it has one. */
  placed(alertId: string): PlacedMessage | undefined {
    return this.messages.get(alertId);
  }

  /**
   * Shows the alert as it stands: edits its message, or else posts one. With `join` (a raise), an
   * alert with no message yet joins the one posted moments ago, so a storm is one message.
   */
  async show(alert: Alert, channel: string, opts: { join?: boolean } = {}): Promise<ShownMessage> {
    this.remember(alert);
    const placed = this.messages.get(alert.id);
    if (placed) return { ...placed, posted: false, shared: (await this.edit(placed)) > 1 };
    const group = opts.join ? this.openGroup(channel) : undefined;
    if (group) {
      // Saved only once Slack shows it: a failed edit leaves the alert to be placed again.
      const count = await this.edit(group, alert.id);
      this.messages.save(alert.id, group);
      return { ...group, posted: false, shared: count > 1 };
    }
    const m = alertMessage(this.current(alert.id) ?? alert, this.view);
    const res = await this.client.chat.postMessage({ channel, text: m.text, blocks: webBlocks(m.blocks) });
    if (!res.ts) throw new Error(`chat.postMessage to ${channel} answered without a ts`);
    const posted = { channel: res.channel ?? channel, ts: res.ts };
    this.messages.save(alert.id, posted);
    if (opts.join) this.groups.set(channel, { placed: posted, startedAt: this.now().getTime() });
    return { ...posted, posted: true, shared: false };
  }

  /** Edits the alert's message when it has one (after a button click); undefined when it has none. */
  async refresh(alert: Alert): Promise<PlacedMessage | undefined> {
    this.remember(alert);
    const placed = this.messages.get(alert.id);
    if (placed) await this.edit(placed);
    return placed;
  }

  /** Re-renders a message from its alerts' current state; returns how many alerts it shows. */
  private async edit(placed: PlacedMessage, joining?: string): Promise<number> {
    const ids = this.messages.alertIdsAt(placed);
    if (joining && !ids.includes(joining)) ids.push(joining);
    const alerts = ids.map((id) => this.current(id)).filter((a): a is Alert => a !== undefined);
    const m = alertGroupMessage(alerts, this.view);
    await this.client.chat.update({ channel: placed.channel, ts: placed.ts, text: m.text, blocks: webBlocks(m.blocks) });
    this.messages.touch(placed);
    return alerts.length;
  }

  private openGroup(channel: string): PlacedMessage | undefined {
    const g = this.groups.get(channel);
    if (!g || this.windowMs <= 0 || this.now().getTime() - g.startedAt > this.windowMs) return undefined;
    return this.messages.alertIdsAt(g.placed).length < MAX_GROUP ? g.placed : undefined;
  }

  private current(id: string): Alert | undefined {
    const row = this.table.get(id);
    return row ? toAlert(row) : this.snapshots.get(id);
  }

  private remember(alert: Alert): void {
    this.snapshots.delete(alert.id);
    this.snapshots.set(alert.id, alert);
    if (this.snapshots.size > MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value as string);
  }
}
