import type { Db } from "../store/index.ts";
import type { QuotaProvider, QuotaErrorKind, QuotaStatus, QuotaWindow } from "./types.ts";

export interface QuotaSample extends QuotaWindow {
  id: number;
  /** When the sample was taken (ISO 8601 UTC). */
  at: string;
}

type Row = {
  id: number; at: string; provider: QuotaProvider; account: string; window: string; window_seconds: number | null;
  used: number | null; quota_limit: number | null; remaining: number | null; used_pct: number | null; resets_at: string | null;
  status: QuotaStatus; error_kind: QuotaErrorKind | null; detail: string | null; raw: string | null;
};

const toSample = (r: Row): QuotaSample => ({
  id: r.id, at: r.at, provider: r.provider, account: r.account, window: r.window, windowSeconds: r.window_seconds,
  used: r.used, limit: r.quota_limit, remaining: r.remaining, usedPct: r.used_pct, resetsAt: r.resets_at, status: r.status,
  ...(r.error_kind ? { errorKind: r.error_kind } : {}), ...(r.detail ? { detail: r.detail } : {}), ...(r.raw ? { raw: r.raw } : {}),
});

export interface SampleQuery {
  since: Date;
  provider?: QuotaProvider;
  account?: string;
}

/** The monitor's history in state.db (`quota_samples`): one row per window per check. */
export class QuotaSamples {
  constructor(private readonly db: Db) {}

  /** Records one check's windows in one transaction, all stamped `at`. */
  record(at: Date, windows: readonly QuotaWindow[]): void {
    const insert = this.db.prepare(
      `INSERT INTO quota_samples (at, provider, account, window, window_seconds, used, quota_limit, remaining, used_pct, resets_at, status, error_kind, detail, raw)
       VALUES (@at, @provider, @account, @window, @windowSeconds, @used, @limit, @remaining, @usedPct, @resetsAt, @status, @errorKind, @detail, @raw)`,
    );
    this.db.transaction(() => {
      for (const w of windows) {
        insert.run({ ...w, at: at.toISOString(), errorKind: w.errorKind ?? null, detail: w.detail ?? null, raw: w.raw ?? null });
      }
    })();
  }

  /** Samples since a time, oldest first, optionally for one provider or account label. */
  list(q: SampleQuery): QuotaSample[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM quota_samples WHERE at >= ? AND (? IS NULL OR provider = ?) AND (? IS NULL OR account = ?) ORDER BY at, id`,
      )
      .all(q.since.toISOString(), q.provider ?? null, q.provider ?? null, q.account ?? null, q.account ?? null) as Row[];
    return rows.map(toSample);
  }

  /** The newest sample of each (provider, account, window). */
  latest(): QuotaSample[] {
    const rows = this.db
      .prepare(
        `SELECT s.* FROM quota_samples s
         JOIN (SELECT provider, account, window, MAX(id) AS id FROM quota_samples GROUP BY provider, account, window) m ON s.id = m.id
         ORDER BY s.provider, s.account, s.window`,
      )
      .all() as Row[];
    return rows.map(toSample);
  }

  /** Deletes samples older than `before`; returns how many. */
  prune(before: Date): number {
    return this.db.prepare("DELETE FROM quota_samples WHERE at < ?").run(before.toISOString()).changes;
  }
}
