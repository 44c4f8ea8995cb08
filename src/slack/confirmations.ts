import { randomBytes } from "node:crypto";
import type { Db } from "../store/index.ts";

/** A plan waiting for its Confirm click: kept in state.db so a bot restart does not lose it. */
export interface PendingConfirmation {
  id: string;
  requester: string;
  channel: string | null;
  command: string;
  words: string[];
  createdAt: string;
  expiresAt: string;
  status: "pending" | "confirmed" | "cancelled" | "expired";
}

export const CONFIRM_TTL_MS = 5 * 60_000;

type Row = { id: string; requester: string; channel: string | null; command: string; words: string; created_at: string; expires_at: string; status: PendingConfirmation["status"] };

export class Confirmations {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  create(p: { requester: string; channel: string | undefined; command: string; words: string[] }): PendingConfirmation {
    const id = randomBytes(9).toString("base64url");
    const created = this.now();
    const expires = new Date(created.getTime() + CONFIRM_TTL_MS);
    this.db
      .prepare("INSERT INTO slack_confirmations (id, requester, channel, command, words, created_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')")
      .run(id, p.requester, p.channel ?? null, p.command, JSON.stringify(p.words), created.toISOString(), expires.toISOString());
    return { id, requester: p.requester, channel: p.channel ?? null, command: p.command, words: p.words, createdAt: created.toISOString(), expiresAt: expires.toISOString(), status: "pending" };
  }

  get(id: string): PendingConfirmation | undefined {
    const r = this.db.prepare("SELECT * FROM slack_confirmations WHERE id = ?").get(id) as Row | undefined;
    if (!r) return undefined;
    return { id: r.id, requester: r.requester, channel: r.channel, command: r.command, words: JSON.parse(r.words) as string[], createdAt: r.created_at, expiresAt: r.expires_at, status: r.status };
  }

  /**
   * Moves a pending plan to its outcome exactly once: two quick clicks (or two admins) cannot
   * both run it. Returns false when it was already decided.
   */
  decide(id: string, status: "confirmed" | "cancelled" | "expired", by: string): boolean {
    const info = this.db
      .prepare("UPDATE slack_confirmations SET status = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'")
      .run(status, by, this.now().toISOString(), id);
    return info.changes === 1;
  }

  isExpired(p: PendingConfirmation): boolean {
    return this.now().getTime() > Date.parse(p.expiresAt);
  }
}
