import { OysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/index.ts";
import { removeAlertFile, writeAlertFile } from "./alert-file.ts";
import { checkAlertId, formatAlertId } from "./alert-id.ts";
import { toAlert, type AlertRow } from "./alert-row.ts";
import { AlertTable } from "./alert-table.ts";
import { FLAP_SOURCES, flapCount, withFlapNote } from "./flapping.ts";
import { decideRaise, decideReopen } from "./raise-decision.ts";
import type { Alert, AlertEventKind, AlertSignal, AlertSource, Notifier } from "./types.ts";

export interface AlertBookOptions {
  dataDir: string;
  notifier: Notifier;
  now?: () => Date;
  reminderMinutes: number;
  /** guardian.flapMinutes: a guardian failure this soon after its alert resolved reopens that alert; 0 or absent: never. */
  flapMinutes?: number;
  retentionDays: number;
  /** The process's logger (a child of its one root): the book makes none of its own. */
  log: Logger;
}

/** A raise or reminder marks the row notified before delivery; a failed delivery gives it back. */
interface Claim {
  at: string;
  previous: string | null;
}

/**
 * The alert lifecycle over state.db, shared by every process: one alert per failing (source,
 * check, node) until it resolves, or (a guardian incident failing again within flapMinutes of
 * resolving) the same alert reopened. Each change is one IMMEDIATE transaction that also rewrites the
 * alert's file, so files are written in commit order even with the CLI and the bot both at work.
 */
export class AlertBook {
  private readonly table: AlertTable;
  private readonly now: () => Date;
  private readonly log: Logger;

  constructor(store: Store, private readonly opts: AlertBookOptions) {
    this.table = new AlertTable(store.db);
    this.now = opts.now ?? (() => new Date());
    this.log = opts.log;
  }

  async raise(signal: AlertSignal): Promise<Alert> {
    const at = this.now().toISOString();
    const nodes = JSON.stringify(signal.nodes ?? []);
    const actions = signal.actions && signal.actions.length > 0 ? JSON.stringify(signal.actions) : null;
    const { row, event, claim } = this.table.transaction(() => {
      const prev = this.table.findUnresolved(signal.source, signal.check, signal.node);
      if (!prev) {
        const recent = this.reopenable(signal);
        if (recent) return this.reopen(recent, signal, at, nodes, actions);
        const seq = this.table.nextSeq();
        const row: AlertRow = {
          id: formatAlertId(seq), seq, source: signal.source, check_name: signal.check, node: signal.node, nodes,
          severity: signal.severity, status: "open", first_seen: at, last_seen: at, resolved_at: null,
          attempts: signal.attempts, message: signal.message, last_notified_at: at,
          ack_by: null, ack_at: null, ack_reason: null, snooze_until: null, snooze_by: null, snooze_reason: null, actions,
        };
        this.table.insert(row);
        return this.saved(row, "raised", { at, previous: null });
      }
      // A reopened incident keeps saying so while it stays open.
      const flaps = flapCount(prev.message);
      const message = flaps > 0 ? withFlapNote(signal.message, flaps, this.flapMinutes) : signal.message;
      const d = decideRaise(prev, { ...signal, message }, this.now(), this.opts.reminderMinutes);
      const notifying = d.event === "raised" || d.event === "reminder";
      const row = this.table.update(prev.id, {
        status: d.status, last_seen: at, message, severity: signal.severity, attempts: signal.attempts, nodes, actions,
        ...(notifying ? { last_notified_at: at } : {}),
      });
      return this.saved(row, d.event, notifying ? { at, previous: prev.last_notified_at } : undefined);
    });
    const alert = toAlert(row);
    if (event) await this.deliver(event, alert, claim);
    return alert;
  }

  private get flapMinutes(): number {
    return this.opts.flapMinutes ?? 0;
  }

  /** The incident of this key that resolved less than flapMinutes ago, if any: a failure now reopens it. */
  private reopenable(signal: AlertSignal): AlertRow | undefined {
    if (this.flapMinutes <= 0 || !FLAP_SOURCES.includes(signal.source)) return undefined;
    const since = new Date(this.now().getTime() - this.flapMinutes * 60_000).toISOString();
    return this.table.findResolvedSince(signal.source, signal.check, signal.node, since);
  }

  /**
   * Reopens a recently resolved incident: the same row (so the same id, file and Slack message),
   * unresolved again, its message noted as flapping with how often. `first_seen` stays: the
   * incident began then. The ack and snooze stay as history; a snooze still running keeps it
   * snoozed, otherwise it is open again (a recovery ended the ack, as it does for any alert).
   */
  private reopen(recent: AlertRow, signal: AlertSignal, at: string, nodes: string, actions: string | null) {
    const d = decideReopen(recent, this.now(), this.opts.reminderMinutes);
    const notifying = d.event === "raised" || d.event === "reminder";
    const row = this.table.update(recent.id, {
      status: d.status, resolved_at: null, last_seen: at, message: withFlapNote(signal.message, flapCount(recent.message) + 1, this.flapMinutes),
      severity: signal.severity, attempts: signal.attempts, nodes, actions,
      ...(notifying ? { last_notified_at: at } : {}),
    });
    this.log.warn({ alert: row.id, check: row.check_name, node: row.node, resolvedAt: recent.resolved_at }, "alert reopened: failing again soon after it resolved (flapping)");
    // An undelivered reopening gives back no time but null: the next sighting raises it again.
    const previous = d.event === "raised" ? null : recent.last_notified_at;
    return this.saved(row, d.event, notifying ? { at, previous } : undefined);
  }

  /** `message`, when given, says how it ended ("window reset: 3% used"), for the resolved notice. */
  async resolve(source: AlertSource, check: string, node: string | null, message?: string): Promise<Alert | undefined> {
    const at = this.now().toISOString();
    const row = this.table.transaction(() => {
      const prev = this.table.findUnresolved(source, check, node);
      const change = { status: "resolved" as const, resolved_at: at, ...(message === undefined ? {} : { message }) };
      return prev ? this.saved(this.table.update(prev.id, change), "resolved").row : undefined;
    });
    if (!row) return undefined;
    const alert = toAlert(row);
    await this.deliver("resolved", alert);
    return alert;
  }

  find(source: AlertSource, check: string, node: string | null): Alert | undefined {
    const row = this.table.findUnresolved(source, check, node);
    return row ? toAlert(row) : undefined;
  }

  async ack(id: string, by: string, reason?: string): Promise<Alert> {
    const at = this.now().toISOString();
    const row = this.table.transaction(() => {
      this.unresolved(id, "acknowledge");
      return this.saved(this.table.update(id, { status: "acknowledged", ack_by: by, ack_at: at, ack_reason: reason ?? null }), "acknowledged").row;
    });
    const alert = toAlert(row);
    await this.deliver("acknowledged", alert);
    return alert;
  }

  async snooze(id: string, durationMs: number, by: string, reason?: string): Promise<Alert> {
    if (!Number.isFinite(durationMs) || durationMs <= 0) throw new OysterError("InvalidArgument", "a snooze must last longer than zero", { id });
    const until = new Date(this.now().getTime() + durationMs).toISOString();
    const row = this.table.transaction(() => {
      this.unresolved(id, "snooze");
      return this.saved(this.table.update(id, { status: "snoozed", snooze_until: until, snooze_by: by, snooze_reason: reason ?? null }), "snoozed").row;
    });
    const alert = toAlert(row);
    await this.deliver("snoozed", alert);
    return alert;
  }

  list(filter: "open" | "all"): Alert[] {
    return this.table.list(filter).map(toAlert);
  }

  get(id: string): Alert | undefined {
    const row = this.table.get(id);
    return row ? toAlert(row) : undefined;
  }

  prune(): string[] {
    const cutoff = new Date(this.now().getTime() - this.opts.retentionDays * 86_400_000).toISOString();
    const ids = this.table.transaction(() => {
      const old = this.table.resolvedBefore(cutoff);
      this.table.delete(old);
      return old;
    });
    for (const id of ids) {
      try {
        removeAlertFile(this.opts.dataDir, id);
      } catch (err) {
        this.log.warn({ err, alert: id }, "alert file removal failed");
      }
    }
    return ids;
  }

  private unresolved(id: string, verb: string): AlertRow {
    const row = this.table.get(checkAlertId(id));
    if (!row) throw new OysterError("InvalidArgument", `unknown alert "${id}"`, { id });
    if (row.status === "resolved") throw new OysterError("InvalidArgument", `alert ${id} is resolved (at ${row.resolved_at}): nothing to ${verb}`, { id });
    return row;
  }

  /**
   * Rewrites the alert's file inside the transaction. A failed write is logged, not thrown: the
   * state change must not be lost to a full disk, and the next change rewrites the file.
   */
  private saved(row: AlertRow, event: AlertEventKind | null, claim?: Claim): { row: AlertRow; event: AlertEventKind | null; claim: Claim | undefined } {
    try {
      writeAlertFile(this.opts.dataDir, toAlert(row));
    } catch (err) {
      this.log.error({ err, alert: row.id }, "alert file write failed");
    }
    return { row, event, claim };
  }

  // A notifier that throws must not undo the change; an unsent raise or reminder is retried.
  private async deliver(kind: AlertEventKind, alert: Alert, claim?: Claim): Promise<void> {
    try {
      await this.opts.notifier.notify({ kind, alert });
    } catch (err) {
      this.log.warn({ err, alert: alert.id, kind }, "alert notification failed");
      if (claim) this.table.releaseClaim(alert.id, claim.at, claim.previous);
    }
  }
}
