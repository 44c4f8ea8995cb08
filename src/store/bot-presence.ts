import { hostname } from "node:os";
import type { Db } from "./open-db.ts";

export interface BotInfo {
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

const HEARTBEAT_MS = 30_000;

/**
 * The running bot says so in state.db (a heartbeat row), which also keeps the process alive when
 * no job is scheduled. The CLI reads it to tell whether a bot is up.
 */
export class BotPresence {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  start(): void {
    const at = this.now().toISOString();
    this.db.prepare("INSERT OR REPLACE INTO bot (id, pid, host, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?)").run(process.pid, hostname(), at, at);
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  private beat(): void {
    this.db.prepare("UPDATE bot SET heartbeat_at = ? WHERE id = 1 AND pid = ?").run(this.now().toISOString(), process.pid);
  }

  stop(): void {
    clearInterval(this.timer);
    this.db.prepare("DELETE FROM bot WHERE id = 1 AND pid = ?").run(process.pid);
  }

  /** The bot on record, if its heartbeat is recent. */
  static current(db: Db, now = new Date()): BotInfo | undefined {
    const row = db.prepare("SELECT pid, host, started_at AS startedAt, heartbeat_at AS heartbeatAt FROM bot WHERE id = 1").get() as BotInfo | undefined;
    if (!row) return undefined;
    return now.getTime() - Date.parse(row.heartbeatAt) <= 3 * HEARTBEAT_MS ? row : undefined;
  }
}
