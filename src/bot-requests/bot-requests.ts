import type { Db } from "../store/index.ts";

export type BotRequestKind = "restart-guardian";

export interface BotRequest {
  id: number;
  kind: BotRequestKind;
  requestedBy: string;
  requestedAt: string;
  status: "pending" | "done" | "failed";
  answeredAt: string | null;
  /** The bot's answer, in words. */
  answer: string | null;
}

type Row = { id: number; kind: BotRequestKind; requested_by: string; requested_at: string; status: BotRequest["status"]; answered_at: string | null; answer: string | null };

const toRequest = (r: Row): BotRequest => ({ id: r.id, kind: r.kind, requestedBy: r.requested_by, requestedAt: r.requested_at, status: r.status, answeredAt: r.answered_at, answer: r.answer });

/**
 * Requests from the CLI to the running bot, through state.db (`bot_requests`): the CLI writes a
 * pending row and waits for the answer; the bot takes pending rows in order and answers each.
 */
export class BotRequests {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  create(kind: BotRequestKind, requestedBy: string): number {
    const info = this.db.prepare("INSERT INTO bot_requests (kind, requested_by, requested_at, status) VALUES (?, ?, ?, 'pending')").run(kind, requestedBy, this.now().toISOString());
    return Number(info.lastInsertRowid);
  }

  get(id: number): BotRequest | undefined {
    const row = this.db.prepare("SELECT * FROM bot_requests WHERE id = ?").get(id) as Row | undefined;
    return row ? toRequest(row) : undefined;
  }

  pending(): BotRequest[] {
    return (this.db.prepare("SELECT * FROM bot_requests WHERE status = 'pending' ORDER BY id").all() as Row[]).map(toRequest);
  }

  answer(id: number, ok: boolean, answer: string): void {
    this.db.prepare("UPDATE bot_requests SET status = ?, answered_at = ?, answer = ? WHERE id = ? AND status = 'pending'").run(ok ? "done" : "failed", this.now().toISOString(), answer, id);
  }

  /** Polls until the bot answered, or `timeoutMs` passed (undefined). */
  async waitForAnswer(id: number, timeoutMs: number, pollMs = 100): Promise<BotRequest | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = this.get(id);
      if (r && r.status !== "pending") return r;
      if (Date.now() >= deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
