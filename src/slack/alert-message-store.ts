import type { Db } from "../store/index.ts";

/** Where an alert is shown in Slack: the message to edit and to reply under. */
export interface PlacedMessage {
  channel: string;
  ts: string;
}

/**
 * `slack_alert_messages` (state.db, migration 5): alert id → its message. Kept in state.db so an
 * alert is still edited in place after the bot restarts. Several alerts raised at once share one
 * message (a storm), so one (channel, ts) may belong to many alert ids.
 */
export class SlackAlertMessages {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get(alertId: string): PlacedMessage | undefined {
    return this.db.prepare("SELECT channel, ts FROM slack_alert_messages WHERE alert_id = ?").get(alertId) as PlacedMessage | undefined;
  }

  save(alertId: string, placed: PlacedMessage): void {
    this.db
      .prepare(
        "INSERT INTO slack_alert_messages (alert_id, channel, ts, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(alert_id) DO UPDATE SET channel = excluded.channel, ts = excluded.ts, updated_at = excluded.updated_at",
      )
      .run(alertId, placed.channel, placed.ts, this.now().toISOString());
  }

  /** Every alert shown in one message, oldest first (A9 before A10: ids sort by number). */
  alertIdsAt(placed: PlacedMessage): string[] {
    const rows = this.db
      .prepare("SELECT alert_id FROM slack_alert_messages WHERE channel = ? AND ts = ? ORDER BY CAST(SUBSTR(alert_id, 2) AS INTEGER), alert_id")
      .all(placed.channel, placed.ts) as Array<{ alert_id: string }>;
    return rows.map((r) => r.alert_id);
  }

  /** Marks every alert of a message as just edited (the column says when Slack last saw a change). */
  touch(placed: PlacedMessage): void {
    this.db.prepare("UPDATE slack_alert_messages SET updated_at = ? WHERE channel = ? AND ts = ?").run(this.now().toISOString(), placed.channel, placed.ts);
  }
}
