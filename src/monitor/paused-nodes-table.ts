import type { Db } from "../store/index.ts";

/** One node the monitor holds paused for one exhausted account (`provider:label`). */
export interface PausedNode {
  node: string;
  account: string;
  pausedAt: string;
  reason: string;
  resetsAt: string | null;
}

type Row = { node: string; account: string; paused_at: string; reason: string; resets_at: string | null };
const toPaused = (r: Row): PausedNode => ({ node: r.node, account: r.account, pausedAt: r.paused_at, reason: r.reason, resetsAt: r.resets_at });

/**
 * The monitor's record of the nodes it paused and why (`monitor_paused_nodes` in state.db). It is
 * what lets the monitor resume only what it paused, and the guardian keep those nodes paused.
 */
export class PausedNodesTable {
  constructor(private readonly db: Db) {}

  list(): PausedNode[] {
    return (this.db.prepare("SELECT * FROM monitor_paused_nodes ORDER BY node, account").all() as Row[]).map(toPaused);
  }

  /** Nodes held paused by at least one account. */
  heldNodes(): Set<string> {
    return new Set(this.db.prepare("SELECT DISTINCT node FROM monitor_paused_nodes").pluck().all() as string[]);
  }

  /** Records (or refreshes the reason of) a hold; the first `pausedAt` is kept. Returns true when new. */
  hold(p: PausedNode): boolean {
    return this.db.transaction(() => {
      const known = this.db.prepare("SELECT 1 FROM monitor_paused_nodes WHERE node = ? AND account = ?").get(p.node, p.account) !== undefined;
      if (known) this.db.prepare("UPDATE monitor_paused_nodes SET reason = ?, resets_at = ? WHERE node = ? AND account = ?").run(p.reason, p.resetsAt, p.node, p.account);
      else this.db.prepare("INSERT INTO monitor_paused_nodes (node, account, paused_at, reason, resets_at) VALUES (?, ?, ?, ?, ?)").run(p.node, p.account, p.pausedAt, p.reason, p.resetsAt);
      return !known;
    })();
  }

  release(node: string, account: string): void {
    this.db.prepare("DELETE FROM monitor_paused_nodes WHERE node = ? AND account = ?").run(node, account);
  }
}
