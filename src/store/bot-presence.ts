import { hostname } from "node:os";
import type { Db } from "./open-db.ts";

/** The bot's event-loop delay as of its last heartbeat (src/loop-monitor.ts measures it). */
export interface EventLoopInfo {
  maxMs: number;
  p99Ms: number;
  since: string;
}

export interface BotInfo {
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
  /** Null until the bot has published a sample (or for a bot from before this column). */
  eventLoop: EventLoopInfo | null;
}

const HEARTBEAT_MS = 30_000;

type Row = Omit<BotInfo, "eventLoop"> & { loopMaxMs: number | null; loopP99Ms: number | null; loopSince: string | null };

/**
 * The running bot says so in state.db (a heartbeat row), which also keeps the process alive when
 * no job is scheduled. The CLI reads it to tell whether a bot is up, and, since `oyster jobs` runs
 * in its own process, each heartbeat carries the bot's event-loop numbers too.
 */
export class BotPresence {
  private timer: NodeJS.Timeout | undefined;
  private registered = false;
  private startedAt: string | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly eventLoop: () => EventLoopInfo | undefined = () => undefined,
    /**
     * A heartbeat that could not be written (state.db locked by another process, its disk full).
     * Told, never thrown: a throw from a timer would end the bot over a missed heartbeat.
     */
    private readonly onBeatError: (err: unknown) => void = () => {},
  ) {}

  start(): void {
    this.startedAt = this.now().toISOString();
    try {
      this.register();
    } catch (err) {
      // Started on a full disk, or with state.db locked: the next heartbeat registers it.
      this.onBeatError(err);
    }
    this.timer = setInterval(() => {
      try {
        this.beat();
      } catch (err) {
        this.onBeatError(err);
      }
    }, HEARTBEAT_MS);
  }

  /** One heartbeat now (the timer calls it every 30 s). */
  beat(): void {
    if (!this.registered) return this.register();
    this.db.prepare("UPDATE bot SET heartbeat_at = ? WHERE id = 1 AND pid = ?").run(this.now().toISOString(), process.pid);
    this.publishLoop();
  }

  private register(): void {
    const at = this.now().toISOString();
    this.db.prepare("INSERT OR REPLACE INTO bot (id, pid, host, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?)").run(process.pid, hostname(), this.startedAt ?? at, at);
    this.registered = true;
    this.publishLoop();
  }

  private publishLoop(): void {
    const loop = this.eventLoop();
    if (!loop) return;
    this.db.prepare("UPDATE bot SET loop_max_ms = ?, loop_p99_ms = ?, loop_since = ? WHERE id = 1 AND pid = ?").run(loop.maxMs, loop.p99Ms, loop.since, process.pid);
  }

  stop(): void {
    clearInterval(this.timer);
    try {
      this.db.prepare("DELETE FROM bot WHERE id = 1 AND pid = ?").run(process.pid);
    } catch (err) {
      // Stopping goes on: the row's heartbeat ages out, and the CLI then sees no bot.
      this.onBeatError(err);
    }
  }

  /** The bot on record, if its heartbeat is recent. */
  static current(db: Db, now = new Date()): BotInfo | undefined {
    const row = db
      .prepare("SELECT pid, host, started_at AS startedAt, heartbeat_at AS heartbeatAt, loop_max_ms AS loopMaxMs, loop_p99_ms AS loopP99Ms, loop_since AS loopSince FROM bot WHERE id = 1")
      .get() as Row | undefined;
    if (!row || now.getTime() - Date.parse(row.heartbeatAt) > 3 * HEARTBEAT_MS) return undefined;
    const { loopMaxMs, loopP99Ms, loopSince, ...bot } = row;
    const eventLoop = loopMaxMs !== null && loopP99Ms !== null && loopSince !== null ? { maxMs: loopMaxMs, p99Ms: loopP99Ms, since: loopSince } : null;
    return { ...bot, eventLoop };
  }
}
