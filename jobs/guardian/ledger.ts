import { FixHistory } from "../../src/store/fix-history.ts";
import type { Db } from "../../src/store/index.ts";

/**
 * The fix-attempt ledger: per (check, node), how many runs in a row it failed or passed and how
 * many fixes this incident has had. It lives in state.db, so `oyster check` and the scheduled
 * guardian count as one.
 *
 * An incident closes once the check has passed PASSES_TO_CLOSE_INCIDENT runs in a row. With
 * guardian.flapMinutes, a closed incident still holds its fix attempts for that long after it
 * closed: a failure within it reopens the incident with the attempts already made (a node that
 * keeps coming back gets max_fix_attempts in all, not per comeback); after it, the next failure
 * starts a new incident with a full budget. A steady pass writes nothing, so for a closed
 * incident `updated_at` is when it closed, which the window counts from.
 */
export interface LedgerEntry {
  check: string;
  node: string;
  status: "pass" | "fail";
  consecutiveFailures: number;
  consecutivePasses: number;
  fixAttempts: number;
  incidentStartedAt: string | null;
}

/** Passing again this many runs in a row ends an incident: its fix attempts start over. */
export const PASSES_TO_CLOSE_INCIDENT = 2;

type Row = { check_name: string; node: string; status: "pass" | "fail"; consecutive_failures: number; consecutive_passes: number; fix_attempts: number; incident_started_at: string | null; updated_at: string };

const closed = (e: LedgerEntry) => e.status === "pass" && e.consecutivePasses >= PASSES_TO_CLOSE_INCIDENT;
const same = (a: LedgerEntry, b: LedgerEntry) => a.fixAttempts === b.fixAttempts && a.incidentStartedAt === b.incidentStartedAt;

export class Ledger {
  /** `flapMinutes`: guardian.flapMinutes (0: an incident is over as soon as it closes). */
  constructor(private readonly db: Db, private readonly now: () => Date, private readonly flapMinutes = 0) {}

  /** The entry as it counts now: a closed incident past its flap window has its budget back. */
  get(check: string, node: string | null): LedgerEntry | undefined {
    return this.stored(check, node)?.entry;
  }

  private stored(check: string, node: string | null): { entry: LedgerEntry; saved: LedgerEntry } | undefined {
    const row = this.db.prepare("SELECT * FROM check_state WHERE check_name = ? AND node = ?").get(check, node ?? "") as Row | undefined;
    if (!row) return undefined;
    const saved: LedgerEntry = {
      check: row.check_name, node: row.node, status: row.status, consecutiveFailures: row.consecutive_failures,
      consecutivePasses: row.consecutive_passes, fixAttempts: row.fix_attempts, incidentStartedAt: row.incident_started_at,
    };
    const over = closed(saved) && this.now().getTime() - Date.parse(row.updated_at) >= this.flapMinutes * 60_000;
    return { saved, entry: over ? { ...saved, fixAttempts: 0, incidentStartedAt: null } : { ...saved } };
  }

  private save(e: LedgerEntry, detail: string): void {
    this.db
      .prepare(`INSERT INTO check_state (check_name, node, status, consecutive_failures, consecutive_passes, fix_attempts, incident_started_at, last_detail, updated_at)
                VALUES (@check, @node, @status, @consecutiveFailures, @consecutivePasses, @fixAttempts, @incidentStartedAt, @detail, @at)
                ON CONFLICT (check_name, node) DO UPDATE SET status = excluded.status, consecutive_failures = excluded.consecutive_failures,
                  consecutive_passes = excluded.consecutive_passes, fix_attempts = excluded.fix_attempts,
                  incident_started_at = excluded.incident_started_at, last_detail = excluded.last_detail, updated_at = excluded.updated_at`)
      .run({ ...e, detail, at: this.now().toISOString() });
  }

  private current(check: string, node: string | null): LedgerEntry {
    return this.stored(check, node)?.entry ?? { check, node: node ?? "", status: "pass", consecutiveFailures: 0, consecutivePasses: PASSES_TO_CLOSE_INCIDENT, fixAttempts: 0, incidentStartedAt: null };
  }

  /** Counted before the fix runs, so a crash mid-fix still uses up the attempt. */
  countFixAttempt(check: string, node: string | null): number {
    const e = this.current(check, node);
    e.fixAttempts += 1;
    // Failing now: whatever passing streak there was is over, so the incident is not closed.
    e.consecutivePasses = 0;
    e.incidentStartedAt ??= this.now().toISOString();
    this.save(e, "fix attempt");
    return e.fixAttempts;
  }

  /** Every fix tried, kept for the daily report ("fixes applied"). */
  recordFixOutcome(check: string, node: string | null, ok: boolean, detail: string): void {
    new FixHistory(this.db).record({ at: this.now().toISOString(), check, node, ok, detail });
  }

  recordFailure(check: string, node: string | null, detail: string): LedgerEntry {
    const e = this.current(check, node);
    e.status = "fail";
    e.consecutiveFailures += 1;
    e.consecutivePasses = 0;
    e.incidentStartedAt ??= this.now().toISOString();
    this.save(e, detail);
    return e;
  }

  /**
   * Fixed this run: no longer failing, but not a natural pass either, so it does not count
   * towards closing the incident (a problem that comes back every run still runs out of fixes).
   */
  recordFixed(check: string, node: string | null, detail: string): LedgerEntry {
    const e = this.current(check, node);
    e.status = "pass";
    e.consecutiveFailures = 0;
    e.consecutivePasses = 0;
    this.save(e, detail);
    return e;
  }

  /**
   * `check --rearm`: a person fixed the cause, so the incident gets its fix budget back. The
   * failure count stays (the alert is the alert book's); only the attempts start over.
   * Returns the entry as it was, or undefined when nothing is on record.
   */
  rearm(check: string, node: string | null, by: string): LedgerEntry | undefined {
    const before = this.get(check, node);
    if (!before) return undefined;
    this.save({ ...before, fixAttempts: 0 }, `fix budget restored by ${by}`);
    return before;
  }

  recordPass(check: string, node: string | null, detail: string): LedgerEntry {
    const found = this.stored(check, node);
    if (!found) return this.current(check, node);
    const e = found.entry;
    // Already closed: a steady pass changes nothing (only a budget whose window ran out is cleared).
    if (closed(e)) {
      if (!same(e, found.saved)) this.save(e, detail);
      return e;
    }
    e.status = "pass";
    e.consecutiveFailures = 0;
    e.consecutivePasses += 1;
    if (closed(e) && this.flapMinutes <= 0) {
      e.fixAttempts = 0;
      e.incidentStartedAt = null;
    }
    this.save(e, detail);
    return e;
  }
}
