import { toOysterError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { BotRequestKind, BotRequests } from "./bot-requests.ts";

export type RequestHandler = (by: string) => Promise<{ ok: boolean; answer: string }>;

/** The bot's side: takes pending requests in order, one at a time, and answers each. */
export class RequestPoller {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly requests: BotRequests,
    private readonly handlers: Record<BotRequestKind, RequestHandler>,
    private readonly log: Logger,
    private readonly pollMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One pass over what is pending (the timer calls it; tests too). */
  async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (const r of this.requests.pending()) {
        const handler = this.handlers[r.kind];
        let outcome: { ok: boolean; answer: string };
        try {
          outcome = handler ? await handler(r.requestedBy) : { ok: false, answer: `this bot does not know the request "${r.kind}"` };
        } catch (err) {
          outcome = { ok: false, answer: toOysterError(err).message };
        }
        this.requests.answer(r.id, outcome.ok, outcome.answer);
        this.log[outcome.ok ? "info" : "warn"]({ request: r.id, kind: r.kind, by: r.requestedBy, answer: outcome.answer }, "request answered");
      }
    } finally {
      this.busy = false;
    }
  }
}
