import type { OutboxPayload } from "../notify/delivery-types.ts";
import type { Block } from "./render/messages.ts";
import { escapeClipped, when } from "./render/alert-format.ts";
import { SECTION_TEXT_CUT } from "./render/limits.ts";
import { plainView, type View } from "../render/view.ts";

type SummaryItem = Extract<OutboxPayload, { kind: "fallback-summary" }>["items"][number];

const MAX_ITEMS = 20;
const MAX_ITEM = 200;
const MAX_SECTION = SECTION_TEXT_CUT;

/**
 * After an outage, what went by email meanwhile, as one message (not one per item): enough to see
 * that nothing was lost, cut with "... and N more" within one section's limit.
 */
export function fallbackSummaryMessage(items: SummaryItem[], view: View = plainView()): { text: string; blocks: Block[] } {
  const head = view.t(items.length === 1 ? "alerts.fallbackSummary.one" : "alerts.fallbackSummary.many", { count: items.length });
  const lines: string[] = [];
  let length = head.length;
  for (const item of items.slice(0, MAX_ITEMS)) {
    const line = `• ${when(item.deliveredAt, view)} ${escapeClipped(item.summary, MAX_ITEM)}`;
    if (length + line.length + 60 > MAX_SECTION) break;
    lines.push(line);
    length += line.length + 1;
  }
  const more = items.length - lines.length;
  const body = [`*${head}*`, ...lines, ...(more > 0 ? [view.t("alerts.moreItems", { count: more })] : [])].join("\n");
  return { text: head, blocks: [{ type: "section", text: { type: "mrkdwn", text: body } }] };
}
