import type { Db } from "../store/index.ts";
import type { OutboxItem, OutboxPayload } from "./delivery-types.ts";
import { toEntry, toItem, type ChannelName, type OutboxDbRow, type OutboxEntry, type OutboxStatus } from "./outbox-row.ts";

export type { ChannelName, DeliveredVia, OutboxEntry, OutboxStatus } from "./outbox-row.ts";

/**
 * An item left `sending` this long is taken to be abandoned (its process died or hung) and may be
 * claimed again by any process. Far longer than one delivery can take (SMTP gives up after ~10 s
 * per step, Slack after its retries), so a live sender is never raced.
 */
export const SENDING_LEASE_MS = 15 * 60_000;

/**
 * The delivery outbox in state.db: every notification is written here before it is sent, and
 * stays until a channel took it. Shared by the bot and the CLI; every claim is one IMMEDIATE
 * transaction, so two processes never send the same item at once.
 */
export class Outbox {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** Runs `fn` holding the write lock from its first read (check-then-insert without races). */
  immediate<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Adds an item unless its key is already there (INSERT OR IGNORE: the same key is never
   * queued, hence never sent, twice). `created` says whether this call added it.
   */
  enqueue(key: string, payload: OutboxPayload): { id: number; created: boolean } {
    const at = this.now().toISOString();
    const info = this.db
      .prepare("INSERT OR IGNORE INTO outbox (key, kind, payload, created_at, status, attempts, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', 0, ?)")
      .run(key, payload.kind, JSON.stringify(payload), at, at);
    if (info.changes === 1) return { id: Number(info.lastInsertRowid), created: true };
    const row = this.db.prepare("SELECT id FROM outbox WHERE key = ?").get(key) as { id: number };
    return { id: row.id, created: false };
  }

  /**
   * The oldest due item, marked `sending` in the same transaction: its key is recorded as in
   * flight before anything leaves, so a crash can only ever repeat this one item. Oldest first
   * keeps an alert's raise ahead of its resolution.
   */
  claimDue(now: Date = this.now()): OutboxItem | undefined {
    const at = now.toISOString();
    const stale = new Date(now.getTime() - SENDING_LEASE_MS).toISOString();
    return this.immediate(() => {
      const row = this.db
        .prepare(
          `SELECT * FROM outbox
           WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND sending_since <= ?)
           ORDER BY id LIMIT 1`,
        )
        .get(at, stale) as OutboxDbRow | undefined;
      if (!row) return undefined;
      this.db.prepare("UPDATE outbox SET status = 'sending', sending_since = ? WHERE id = ?").run(at, row.id);
      return toItem(row);
    });
  }

  /** `fallbackReason`: why the channels before `via` did not take it (null when none failed). */
  markDelivered(id: number, via: ChannelName, fallbackReason: string | null = null): void {
    // The time is read under the write lock, so delivered_at follows commit order across processes.
    this.immediate(() => {
      this.db
        .prepare("UPDATE outbox SET status = 'delivered', delivered_via = ?, delivered_at = ?, sending_since = NULL, last_error = ? WHERE id = ?")
        .run(via, this.now().toISOString(), fallbackReason, id);
    });
  }

  /**
   * Done without being sent: a silence held it (`reason` names the silence). Kept as delivered via
   * `silenced` so it is never sent later, and `oyster outbox` shows what was held.
   */
  markSilenced(id: number, reason: string): void {
    this.immediate(() => {
      this.db
        .prepare("UPDATE outbox SET status = 'delivered', delivered_via = 'silenced', delivered_at = ?, sending_since = NULL, last_error = ? WHERE id = ?")
        .run(this.now().toISOString(), reason, id);
    });
  }

  /** Whether anything about this alert reached a person (Slack or email took one of its events). */
  alertAnnounced(alertId: string): boolean {
    const row = this.db
      .prepare("SELECT 1 FROM outbox WHERE kind = 'alert-event' AND key LIKE ? AND status = 'delivered' AND delivered_via IN ('slack', 'email') LIMIT 1")
      .get(`alert:${alertId}:%`);
    return row !== undefined;
  }

  /** Back to pending, one more failed attempt counted, not due before `nextAttemptAt`. */
  markFailed(id: number, error: string, nextAttemptAt: Date): void {
    this.db
      .prepare("UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = ?, sending_since = NULL, last_error = ? WHERE id = ?")
      .run(nextAttemptAt.toISOString(), error, id);
  }

  /**
   * At bot start: items a crash left `sending` go back to pending, due now. Whether they got out
   * is unknown, so each may arrive twice; nothing else can. Only the bot calls this (one bot per
   * state.db); other processes rely on the lease.
   */
  recoverInFlight(): number {
    return this.db
      .prepare("UPDATE outbox SET status = 'pending', sending_since = NULL, next_attempt_at = ? WHERE status = 'sending'")
      .run(this.now().toISOString()).changes;
  }

  /** Pending items waiting for a later attempt become due at `at` (the way out is back). */
  pullForward(at: Date = this.now()): number {
    const t = at.toISOString();
    return this.db.prepare("UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ?").run(t, t).changes;
  }

  /** Due pending items wait until `until` without an attempt counted (the way out is down). */
  deferDue(until: Date): number {
    const t = until.toISOString();
    return this.db.prepare("UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at < ?").run(t, t).changes;
  }

  /** When the next pending item falls due, for the worker's timer. */
  nextDueAt(): Date | undefined {
    const row = this.db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'pending'").get() as { at: string | null };
    return row.at ? new Date(row.at) : undefined;
  }

  counts(): Record<OutboxStatus, number> {
    const rows = this.db.prepare("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status").all() as Array<{ status: OutboxStatus; n: number }>;
    const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, delivered: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  /**
   * Counts by status and channel: a delivered item under the channel that took it, any other
   * under the channel it was queued for (`any`: the first that takes it).
   */
  channelCounts(): Array<{ status: OutboxStatus; channel: string; count: number; failing: number }> {
    return this.db
      .prepare(
        `SELECT status, COALESCE(delivered_via, json_extract(payload, '$.via'), 'any') AS channel,
                COUNT(*) AS count, SUM(CASE WHEN status != 'delivered' AND attempts > 0 THEN 1 ELSE 0 END) AS failing
         FROM outbox GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all() as Array<{ status: OutboxStatus; channel: string; count: number; failing: number }>;
  }

  /** The longest-waiting item not yet delivered (pending or in flight). */
  oldestUndelivered(): OutboxEntry | undefined {
    const row = this.db.prepare("SELECT * FROM outbox WHERE status != 'delivered' ORDER BY created_at, id LIMIT 1").get() as OutboxDbRow | undefined;
    return row ? toEntry(row) : undefined;
  }

  /** Newest first. */
  list(opts: { status?: OutboxStatus; limit?: number } = {}): OutboxEntry[] {
    const where = opts.status ? "WHERE status = ?" : "";
    const params: unknown[] = opts.status ? [opts.status] : [];
    const rows = this.db.prepare(`SELECT * FROM outbox ${where} ORDER BY id DESC LIMIT ?`).all(...params, opts.limit ?? 50) as OutboxDbRow[];
    return rows.map(toEntry);
  }

  get(key: string): OutboxEntry | undefined {
    const row = this.db.prepare("SELECT * FROM outbox WHERE key = ?").get(key) as OutboxDbRow | undefined;
    return row ? toEntry(row) : undefined;
  }

  /**
   * Items that went by email because an earlier channel (Slack) failed, and that no
   * fallback-summary lists yet: the summaries' payloads are the record of what was summarised.
   */
  unsummarisedFallbacks(limit: number): OutboxEntry[] {
    const rows = this.db
      .prepare(
        `WITH summarised AS (
           SELECT json_extract(j.value, '$.key') AS key
           FROM outbox s, json_each(s.payload, '$.items') j
           -- A NULL in a NOT IN list would hide every row.
           WHERE s.kind = 'fallback-summary' AND json_extract(j.value, '$.key') IS NOT NULL
         )
         SELECT * FROM outbox
         WHERE status = 'delivered' AND delivered_via = 'email' AND last_error IS NOT NULL
           AND kind != 'fallback-summary' AND key NOT IN (SELECT key FROM summarised)
         ORDER BY id LIMIT ?`,
      )
      .all(limit) as OutboxDbRow[];
    return rows.map(toEntry);
  }

  /**
   * Deletes delivered items delivered before `before`. Keys carry their event's own time, so an
   * old key does not come back after its row is gone.
   */
  prune(before: Date): number {
    return this.db.prepare("DELETE FROM outbox WHERE status = 'delivered' AND delivered_at < ?").run(before.toISOString()).changes;
  }
}
