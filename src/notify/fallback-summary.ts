import type { Outbox } from "./outbox.ts";
import { payloadLine } from "./payload-line.ts";
import { plainView, type View } from "../render/view.ts";

/** Most items one summary lists; the rest go into the next one, sent right after it. */
export const SUMMARY_MAX_ITEMS = 50;

/**
 * After Slack delivered something: queues ONE `fallback-summary` of what went by email because
 * Slack failed and no summary listed yet. Reading and queueing happen in one IMMEDIATE
 * transaction, so two processes cannot list the same items twice. The key names the newest item
 * it covers; summaries cover disjoint sets, so keys never collide. Returns the key, or
 * undefined when there is nothing to summarise.
 */
export function enqueueFallbackSummary(outbox: Outbox, view: View = plainView()): { key: string; items: number } | undefined {
  return outbox.immediate(() => {
    const rows = outbox.unsummarisedFallbacks(SUMMARY_MAX_ITEMS);
    const last = rows.at(-1);
    if (!last) return undefined;
    const key = `fallback-summary:${last.id}`;
    outbox.enqueue(key, {
      kind: "fallback-summary",
      items: rows.map((r) => ({ key: r.key, summary: payloadLine(r.payload, view), deliveredAt: r.deliveredAt ?? r.createdAt })),
    });
    return { key, items: rows.length };
  });
}
