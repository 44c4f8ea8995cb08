import type { Db } from "../store/index.ts";
import type { AlertRow } from "./alert-row.ts";
import type { AlertSource } from "./types.ts";

type Changes = Partial<Omit<AlertRow, "id" | "seq">>;

const COLUMN_RE = /^[a-z_]+$/;

/** SQL over the `alerts` table; the lifecycle rules live in AlertBook, not here. */
export class AlertTable {
  constructor(private readonly db: Db) {}

  /**
   * IMMEDIATE takes the write lock before the first read, so the CLI and the bot cannot both
   * decide "no alert yet" for one key, or both send the same reminder.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // `node IS ?` so that fleet-wide alerts (node null) dedupe too.
  findUnresolved(source: AlertSource, check: string, node: string | null): AlertRow | undefined {
    return this.db
      .prepare("SELECT * FROM alerts WHERE source = ? AND check_name = ? AND node IS ? AND status != 'resolved' ORDER BY seq DESC LIMIT 1")
      .get(source, check, node) as AlertRow | undefined;
  }

  /** The newest resolved alert of the key that resolved after `since`: one a failure may reopen. */
  findResolvedSince(source: AlertSource, check: string, node: string | null, since: string): AlertRow | undefined {
    return this.db
      .prepare("SELECT * FROM alerts WHERE source = ? AND check_name = ? AND node IS ? AND status = 'resolved' AND resolved_at > ? ORDER BY seq DESC LIMIT 1")
      .get(source, check, node, since) as AlertRow | undefined;
  }

  get(id: string): AlertRow | undefined {
    return this.db.prepare("SELECT * FROM alerts WHERE id = ?").get(id) as AlertRow | undefined;
  }

  list(filter: "open" | "all"): AlertRow[] {
    const where = filter === "open" ? "WHERE status != 'resolved'" : "";
    return this.db.prepare(`SELECT * FROM alerts ${where} ORDER BY seq DESC`).all() as AlertRow[];
  }

  /** AUTOINCREMENT never hands out a number twice, even after old alerts are pruned. */
  nextSeq(): number {
    return Number(this.db.prepare("INSERT INTO alert_seq DEFAULT VALUES").run().lastInsertRowid);
  }

  insert(row: AlertRow): void {
    const cols = Object.keys(row);
    this.db.prepare(`INSERT INTO alerts (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`).run(row);
  }

  update(id: string, changes: Changes): AlertRow {
    const cols = Object.keys(changes);
    if (!cols.every((c) => COLUMN_RE.test(c))) throw new Error(`bad alert column in ${cols.join(", ")}`);
    if (cols.length > 0) this.db.prepare(`UPDATE alerts SET ${cols.map((c) => `${c} = @${c}`).join(", ")} WHERE id = @id`).run({ ...changes, id });
    const row = this.get(id);
    if (!row) throw new Error(`alert ${id} vanished during an update`);
    return row;
  }

  /** Puts back the previous notification time, unless someone else has notified since. */
  releaseClaim(id: string, claimedAt: string, previous: string | null): void {
    this.db.prepare("UPDATE alerts SET last_notified_at = ? WHERE id = ? AND last_notified_at = ?").run(previous, id, claimedAt);
  }

  resolvedBefore(cutoff: string): string[] {
    const rows = this.db.prepare("SELECT id FROM alerts WHERE status = 'resolved' AND resolved_at < ? ORDER BY seq").all(cutoff) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  delete(ids: string[]): void {
    const stmt = this.db.prepare("DELETE FROM alerts WHERE id = ? AND status = 'resolved'");
    for (const id of ids) stmt.run(id);
  }
}
