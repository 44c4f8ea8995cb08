import { OysterError } from "../errors.ts";
import type { Db } from "../store/index.ts";
import { checkSilenceId, formatSilenceId } from "./silence-id.ts";
import { endOf, type Silence, type SilenceMatch } from "./types.ts";

/** One row of state.db's `silences` table (migration 12). */
interface SilenceRow {
  id: string;
  seq: number;
  matchers: string;
  created_by: string;
  reason: string | null;
  starts_at: string;
  ends_at: string;
  removed_at: string | null;
  removed_by: string | null;
  released_at: string | null;
}

function toSilence(r: SilenceRow): Silence {
  return {
    id: r.id, match: JSON.parse(r.matchers) as SilenceMatch, by: r.created_by, reason: r.reason,
    startsAt: r.starts_at, endsAt: r.ends_at, removedAt: r.removed_at, removedBy: r.removed_by,
  };
}

// The end of a silence in SQL: the earlier of running out and being removed (ISO strings compare as times).
const END = "MIN(ends_at, COALESCE(removed_at, ends_at))";

/**
 * Silences in state.db, shared by the CLI and the bot like the alerts are. Changes are IMMEDIATE
 * transactions, so a remove and the delivery round that handles the end never both act on one.
 */
export class SilenceTable {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  add(s: { match: SilenceMatch; by: string; reason?: string; startsAt: Date; durationMs: number }): Silence {
    return this.transaction(() => {
      // AUTOINCREMENT: an id is never handed out twice, so `S3` in an old audit row means one silence.
      const seq = Number(this.db.prepare("INSERT INTO silence_seq DEFAULT VALUES").run().lastInsertRowid);
      const row: SilenceRow = {
        id: formatSilenceId(seq), seq, matchers: JSON.stringify(s.match), created_by: s.by, reason: s.reason ?? null,
        starts_at: s.startsAt.toISOString(), ends_at: new Date(s.startsAt.getTime() + s.durationMs).toISOString(),
        removed_at: null, removed_by: null, released_at: null,
      };
      this.db.prepare(`INSERT INTO silences (${Object.keys(row).join(", ")}) VALUES (${Object.keys(row).map((k) => `@${k}`).join(", ")})`).run(row);
      return toSilence(row);
    });
  }

  get(id: string): Silence | undefined {
    const row = this.db.prepare("SELECT * FROM silences WHERE id = ?").get(id) as SilenceRow | undefined;
    return row ? toSilence(row) : undefined;
  }

  /** Ends a silence now. Unknown or already ended: a usage error (exit 2), nothing changed. */
  remove(id: string, by: string, at: Date): Silence {
    return this.transaction(() => {
      const found = this.get(checkSilenceId(id));
      if (!found) throw new OysterError("InvalidArgument", `unknown silence "${id}"`, { id });
      if (endOf(found) <= at.toISOString()) {
        throw new OysterError("InvalidArgument", `silence ${id} already ended (at ${endOf(found)}): nothing to remove`, { id });
      }
      this.db.prepare("UPDATE silences SET removed_at = ?, removed_by = ? WHERE id = ?").run(at.toISOString(), by, id);
      return this.get(id)!;
    });
  }

  /** In force at `at`, newest first. */
  activeAt(at: Date): Silence[] {
    const t = at.toISOString();
    const rows = this.db.prepare(`SELECT * FROM silences WHERE starts_at <= ? AND ${END} > ? ORDER BY seq DESC`).all(t, t) as SilenceRow[];
    return rows.map(toSilence);
  }

  /** Every silence kept, newest first. */
  all(): Silence[] {
    return (this.db.prepare("SELECT * FROM silences ORDER BY seq DESC").all() as SilenceRow[]).map(toSilence);
  }

  /**
   * Silences that have ended by `at` and whose end no process has handled yet, marked handled.
   * Call inside a transaction that also queues what their end notifies, so neither is lost alone.
   */
  claimEnded(at: Date): Silence[] {
    const t = at.toISOString();
    const rows = this.db.prepare(`SELECT * FROM silences WHERE released_at IS NULL AND ${END} <= ? ORDER BY seq`).all(t) as SilenceRow[];
    const mark = this.db.prepare("UPDATE silences SET released_at = ? WHERE id = ?");
    for (const r of rows) mark.run(t, r.id);
    return rows.map(toSilence);
  }
}
