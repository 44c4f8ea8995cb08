import { escapeMrkdwn } from "../render/escape.ts";
import { table } from "../render/table.ts";
import { CODE_BLOCK_CHARS, codeBlock } from "../slack/render/mrkdwn.ts";
import type { Journal } from "./journal.ts";
import { describeState, isDown, type UnitStatus } from "./status-show.ts";
import { utcMinute } from "../render/utc-time.ts";

export interface UnitsData {
  node: string;
  units: UnitStatus[];
  /** With one unit asked for: the newest lines of its journal. */
  journal: Journal | null;
  /** `--lines` as asked. */
  lines: number;
}

export function unitsTable(data: UnitsData): string {
  if (data.units.length === 0) return `${data.node} lists no services (nodes.json "services").`;
  return table(
    ["UNIT", "ACTIVE", "ENABLED", "PID", "SINCE"],
    data.units.map((u) => [u.unit, isDown(u) ? describeState(u).toUpperCase() : describeState(u), u.enabled ?? "-", u.mainPid === null ? "-" : String(u.mainPid), utcMinute(u.since)]),
  );
}

function journalHead(j: Journal, node: string, lines: number): string {
  const cut = j.truncated ? `; older lines cut at 64 KB` : "";
  return `journal of ${j.unit} on ${node} (last ${lines} lines asked, ${j.lines.length} shown${cut}):`;
}

export function unitsText(data: UnitsData): string {
  const out = [unitsTable(data)];
  const j = data.journal;
  if (j) {
    out.push("", journalHead(j, data.node, data.lines), ...j.lines);
    if (j.stderr) out.push(`journalctl: ${j.stderr}`);
  }
  return out.join("\n");
}

const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string) => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

/**
 * The newest journal lines that fit one Slack section: a journal is read from its end, so the
 * cut falls on the oldest lines (Slack's generic text reply keeps the head instead).
 */
export function journalTail(lines: readonly string[], max = CODE_BLOCK_CHARS): { shown: string[]; cut: number } {
  const shown: string[] = [];
  let size = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const cost = escapeMrkdwn(lines[i]!).length + 1;
    if (size + cost > max) break;
    shown.unshift(lines[i]!);
    size += cost;
  }
  return { shown, cut: lines.length - shown.length };
}

export function unitsBlocks(data: UnitsData): unknown[] {
  const down = data.units.filter(isDown).length;
  const head = data.units.length === 0 ? "" : down ? `:red_circle: *${escapeMrkdwn(data.node)}*: ${down} of ${data.units.length} units not running` : `:large_green_circle: *${escapeMrkdwn(data.node)}*: ${data.units.length} units running`;
  const blocks: unknown[] = [section(head || escapeMrkdwn(unitsTable(data))), ...(data.units.length ? [section(codeBlock(unitsTable(data), "table cut"))] : [])];
  const j = data.journal;
  if (!j) return blocks;
  const { shown, cut } = journalTail(j.lines);
  const note = `${escapeMrkdwn(journalHead(j, data.node, data.lines))}${cut ? ` ${cut} older lines not shown here: \`oyster units ${escapeMrkdwn(data.node)} ${escapeMrkdwn(j.unit)}\` on the controller has them` : ""}`;
  blocks.push(context(note));
  if (shown.length) blocks.push(section(codeBlock(shown.join("\n"), "journal cut")));
  if (j.stderr) blocks.push(context(escapeMrkdwn(`journalctl: ${j.stderr}`).slice(0, 2900)));
  return blocks;
}
