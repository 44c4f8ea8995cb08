import type { Db } from "../store/index.ts";

/** Who took a node out of rotation, why and when (`node_drains` in state.db). */
export interface DrainRecord {
  node: string;
  by: string;
  reason: string | null;
  at: string;
}

type Row = { node: string; drained_by: string; reason: string | null; drained_at: string };
const toRecord = (r: Row): DrainRecord => ({ node: r.node, by: r.drained_by, reason: r.reason, at: r.drained_at });

/**
 * The display side of a drain. dispatch.db's `draining` is the state dispatch and the guardian act
 * on; this table only says who and why, for status and the report. Undrain deletes the row; the
 * audit keeps the history.
 */
export class DrainTable {
  constructor(private readonly db: Db) {}

  list(): DrainRecord[] {
    return (this.db.prepare("SELECT * FROM node_drains ORDER BY node").all() as Row[]).map(toRecord);
  }

  get(node: string): DrainRecord | undefined {
    const row = this.db.prepare("SELECT * FROM node_drains WHERE node = ?").get(node) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Records a drain; a node already recorded keeps its first record (who drained it first, and since when). */
  record(r: DrainRecord): void {
    this.db.prepare("INSERT OR IGNORE INTO node_drains (node, drained_by, reason, drained_at) VALUES (?, ?, ?, ?)").run(r.node, r.by, r.reason, r.at);
  }

  forget(node: string): void {
    this.db.prepare("DELETE FROM node_drains WHERE node = ?").run(node);
  }
}
