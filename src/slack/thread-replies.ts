import type { webApi } from "@slack/bolt";
import type { PlacedMessage } from "./alert-message-store.ts";

/** A storm's replies are joined into one while they come this close together. */
const MAX_LINES = 20;
const MAX_CHARS = 3500;

interface RecentReply {
  ts: string;
  startedAt: number;
  lines: string[];
}

/**
 * Replies under an alert message. In a message shared by many alerts (a storm), replies that come
 * within the window are one reply, edited to add each line: twenty alerts resolving together
 * notify once, not twenty times (and stay far below chat.postMessage's one-per-second limit).
 */
export class ThreadReplies {
  private readonly recent = new Map<string, RecentReply>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly now: () => Date,
    private readonly windowMs: number,
  ) {}

  async add(placed: PlacedMessage, line: string, opts: { coalesce: boolean }): Promise<void> {
    const at = this.now().getTime();
    for (const [key, r] of this.recent) if (at - r.startedAt > this.windowMs) this.recent.delete(key);
    const key = `${placed.channel}/${placed.ts}`;
    const r = opts.coalesce ? this.recent.get(key) : undefined;
    if (r && r.lines.length < MAX_LINES && r.lines.join("\n").length + line.length < MAX_CHARS) {
      const lines = [...r.lines, line];
      await this.client.chat.update({ channel: placed.channel, ts: r.ts, text: lines.join("\n") });
      r.lines = lines;
      return;
    }
    const res = await this.client.chat.postMessage({ channel: placed.channel, thread_ts: placed.ts, text: line });
    if (opts.coalesce && res.ts) this.recent.set(key, { ts: res.ts, startedAt: at, lines: [line] });
  }
}
