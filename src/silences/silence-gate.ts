import { toAlert } from "../alerts/alert-row.ts";
import { AlertTable } from "../alerts/alert-table.ts";
import type { Alert } from "../alerts/types.ts";
import { utcMinute } from "../render/utc-time.ts";
import type { DeliveryGate } from "../notify/delivery-gate.ts";
import type { OutboxItem } from "../notify/delivery-types.ts";
import { Outbox } from "../notify/outbox.ts";
import type { Db } from "../store/index.ts";
import { coveringSilence, type TagsOf } from "./match.ts";
import { releaseNotices } from "./release.ts";
import { SilenceTable } from "./silence-table.ts";
import { endOf } from "./types.ts";

export interface SilenceGateOptions {
  db: Db;
  tagsOf: TagsOf;
}

/**
 * Silences applied where alerts leave Oyster: each alert event is checked as it is about to be
 * sent, so a reminder of an alert raised before the silence is held too, whoever queued it (the
 * bot or a CLI). Each delivery round also handles silences that ended since the last: what they
 * held back and is still open is notified once.
 */
export class SilenceGate implements DeliveryGate {
  private readonly silences: SilenceTable;
  private readonly alerts: AlertTable;
  private readonly outbox: Outbox;

  constructor(private readonly opts: SilenceGateOptions) {
    this.silences = new SilenceTable(opts.db);
    this.alerts = new AlertTable(opts.db);
    this.outbox = new Outbox(opts.db);
  }

  hold(item: OutboxItem, now: Date): string | undefined {
    if (item.payload.kind !== "alert-event") return undefined;
    const { event } = item.payload;
    const row = this.alerts.get(event.alert.id);
    const alert: Alert = row ? toAlert(row) : event.alert;
    // In force now, or when the event was queued: an event from inside a silence that has ended
    // since is not sent late, because the silence's end notifies the alert as it is by then.
    const inForce = [...this.silences.activeAt(now), ...this.silences.activeAt(new Date(item.createdAt))];
    const silence = coveringSilence(inForce, alert, this.opts.tagsOf);
    if (!silence) return undefined;
    // A silence starts no conversation, but ends one already started: the resolution of an alert
    // people were told about still goes, so its message does not show it open for good.
    if (event.kind === "resolved" && this.outbox.alertAnnounced(event.alert.id)) return undefined;
    return `silenced by ${silence.id} until ${utcMinute(endOf(silence))}`;
  }

  beforeRound(outbox: Outbox, now: Date): void {
    this.silences.transaction(() => {
      const ended = this.silences.claimEnded(now);
      if (ended.length === 0) return;
      const open = this.alerts.list("open");
      const notices = releaseNotices({ ended, active: this.silences.activeAt(now), open, now, tagsOf: this.opts.tagsOf, announced: (id) => outbox.alertAnnounced(id) });
      for (const n of notices) {
        // The notice counts as the alert's reminder: the next one is reminderMinutes from now.
        this.alerts.update(n.alert.id, { last_notified_at: now.toISOString() });
        outbox.enqueue(n.key, { kind: "alert-event", event: { kind: n.kind, alert: n.alert } });
      }
    });
  }
}
