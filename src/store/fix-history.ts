import type { Db } from "./open-db.ts";

export interface FixRecord {
  at: string;
  check: string;
  node: string | null;
  ok: boolean;
  detail: string;
}

type Row = { at: string; check_name: string; node: string | null; ok: number; detail: string };

/** Every fix the guardian tried (`fixes`), kept for the daily report and /metrics. */
export class FixHistory {
  constructor(private readonly db: Db) {}

  record(fix: FixRecord): void {
    this.db.prepare("INSERT INTO fixes (at, check_name, node, ok, detail) VALUES (?, ?, ?, ?, ?)").run(fix.at, fix.check, fix.node, fix.ok ? 1 : 0, fix.detail);
  }

  /** How many fixes were tried in [since, until], and how many worked. */
  counts(since: Date, until: Date): { total: number; ok: number } {
    return this.db.prepare("SELECT COUNT(*) AS total, COALESCE(SUM(ok), 0) AS ok FROM fixes WHERE at >= ? AND at <= ?").get(since.toISOString(), until.toISOString()) as { total: number; ok: number };
  }

  /** The newest `limit` fixes in [since, until], newest first. */
  between(since: Date, until: Date, limit: number): FixRecord[] {
    const rows = this.db.prepare("SELECT at, check_name, node, ok, detail FROM fixes WHERE at >= ? AND at <= ? ORDER BY at DESC, id DESC LIMIT ?").all(since.toISOString(), until.toISOString(), limit) as Row[];
    return rows.map((r) => ({ at: r.at, check: r.check_name, node: r.node, ok: r.ok === 1, detail: r.detail }));
  }
}
