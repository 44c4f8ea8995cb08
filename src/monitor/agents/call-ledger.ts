import type { Db } from "../../store/index.ts";
import type { NodeReading } from "./freshest.ts";

/** One (account, node) of a source that calls an endpoint: its last reading, and how long to leave it alone. */
export interface CallRow {
  reading: NodeReading | null;
  backoffUntil: string | null;
}

type Row = { reading: string | null; backoff_until: string | null };

/**
 * `agent_calls` in state.db: what a calling source (Claude `oauth`) last read on a node and when
 * that node may call again. In state.db because the CLI and the bot are separate processes: a
 * 429 seen by `oyster quota` must hold back the bot's next monitor run too. Windows only: no
 * token, no raw body is ever kept here.
 */
export class CallLedger {
  constructor(private readonly db: Db) {}

  get(account: string, node: string): CallRow {
    const r = this.db.prepare("SELECT reading, backoff_until FROM agent_calls WHERE account = ? AND node = ?").get(account, node) as Row | undefined;
    return { reading: r?.reading ? (JSON.parse(r.reading) as NodeReading) : null, backoffUntil: r?.backoff_until ?? null };
  }

  /** A good reading: kept for the next 429, and any backoff is over. */
  saveReading(account: string, node: string, reading: NodeReading, now: Date): void {
    this.db.prepare(
      `INSERT INTO agent_calls (account, node, reading, backoff_until, updated_at) VALUES (?, ?, ?, NULL, ?)
       ON CONFLICT (account, node) DO UPDATE SET reading = excluded.reading, backoff_until = NULL, updated_at = excluded.updated_at`,
    ).run(account, node, JSON.stringify(reading), now.toISOString());
  }

  backOff(account: string, node: string, until: Date, now: Date): void {
    this.db.prepare(
      `INSERT INTO agent_calls (account, node, reading, backoff_until, updated_at) VALUES (?, ?, NULL, ?, ?)
       ON CONFLICT (account, node) DO UPDATE SET backoff_until = excluded.backoff_until, updated_at = excluded.updated_at`,
    ).run(account, node, until.toISOString(), now.toISOString());
  }
}
