import type { Db } from "./open-db.ts";

/** "planned": a Slack plan was posted with Confirm/Cancel; its decision, if any, is a later row. */
export type AuditDecision = "allowed" | "denied" | "confirmed" | "cancelled" | "refused" | "expired" | "planned";

export interface AuditStart {
  who: string;
  /** "ssh": Oyster's own SSH layer acting on its own (a host key learned under accept-new); "job": a scheduled job acting by its rule (the monitor pausing a node). */
  via: "cli" | "slack" | "ssh" | "job";
  channel?: string;
  command: string;
  args: Record<string, unknown>;
  decision: AuditDecision;
  /** Who pressed Confirm (or Cancel) in Slack, when that was not the requester. */
  confirmedBy?: string;
}

export interface AuditRow {
  id: number;
  at: string;
  who: string;
  via: string;
  channel: string | null;
  command: string;
  args: Record<string, unknown>;
  decision: AuditDecision;
  outcome: string;
  error: string | null;
  durationMs: number | null;
  confirmedBy: string | null;
}

/**
 * Who ran what. A row is written before a state-changing command runs (outcome "started") and
 * completed after, so a crash mid-command still leaves a trace.
 */
export class AuditLog {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  start(entry: AuditStart): number {
    const outcome = entry.decision === "allowed" || entry.decision === "confirmed" ? "started" : entry.decision;
    const info = this.db
      .prepare("INSERT INTO audit (at, who, via, channel, command, args, decision, outcome, confirmed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .run(this.now().toISOString(), entry.who, entry.via, entry.channel ?? null, entry.command, JSON.stringify(entry.args), entry.decision, outcome, entry.confirmedBy ?? null);
    return Number(info.lastInsertRowid);
  }

  finish(id: number, outcome: "ok" | "failed", durationMs: number, error?: string): void {
    this.db.prepare("UPDATE audit SET outcome = ?, duration_ms = ?, error = ? WHERE id = ?").run(outcome, Math.round(durationMs), error ?? null, id);
  }

  since(from: Date): AuditRow[] {
    const rows = this.db
      .prepare("SELECT id, at, who, via, channel, command, args, decision, outcome, error, duration_ms, confirmed_by FROM audit WHERE at >= ? ORDER BY id")
      .all(from.toISOString()) as Array<Omit<AuditRow, "args" | "durationMs" | "confirmedBy"> & { args: string; duration_ms: number | null; confirmed_by: string | null }>;
    return rows.map(({ duration_ms, confirmed_by, args, ...r }) => ({ ...r, args: JSON.parse(args) as Record<string, unknown>, durationMs: duration_ms, confirmedBy: confirmed_by }));
  }
}
