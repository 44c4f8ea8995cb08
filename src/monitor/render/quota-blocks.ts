import { escapeMrkdwn } from "../../render/escape.ts";
import { formatAmount, formatCountdown, formatPct, formatUtc } from "./format.ts";
import type { QuotaReport, QuotaRow } from "./quota-report.ts";
import { notConfiguredLine, statusCell } from "./quota-text.ts";
import { readingCell } from "./reading-cell.ts";

type Block = Record<string, unknown>;
const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): Block => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

const ICON: Record<QuotaRow["status"], string> = { ok: ":large_green_circle:", low: ":large_yellow_circle:", exhausted: ":red_circle:", error: ":warning:" };

/** Slack shows `<!date^...>` in the reader's own time zone; the fallback is UTC. */
function resetText(w: QuotaRow): string {
  if (w.resetsAt === null) return "";
  const epoch = Math.floor(Date.parse(w.resetsAt) / 1000);
  return `, resets ${formatCountdown(w.resetsInSeconds)} (<!date^${epoch}^{date_short_pretty} {time}|${formatUtc(w.resetsAt)}>)`;
}

function windowLine(w: QuotaRow): string {
  const name = `\`${escapeMrkdwn(w.window)}\``;
  if (w.status === "error") return `${ICON.error} ${name} ${escapeMrkdwn(statusCell(w))}`;
  const amounts = w.limit === null ? formatAmount(w.used) : `${formatAmount(w.used)} of ${formatAmount(w.limit)}, ${formatAmount(w.remaining)} left`;
  const forecast = w.forecast ? ` · _${escapeMrkdwn(w.forecast.text)}_` : "";
  const note = w.note ? ` · ${escapeMrkdwn(w.note)}` : "";
  const read = readingCell(w, new Date(w.checkedAt));
  const where = read ? ` · _${escapeMrkdwn(read)}_` : "";
  return `${ICON[w.status]} ${name} *${formatPct(w.usedPct)}* used (${escapeMrkdwn(amounts)})${resetText(w)}${w.status === "exhausted" ? " *exhausted*" : ""}${note}${forecast}${where}`;
}

/** Lines into sections of at most ~2900 characters (a section holds 3000). */
function chunk(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const last = out.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= 2900) out[out.length - 1] = `${last}\n${line}`;
    else out.push(line.slice(0, 2900));
  }
  return out;
}

/** `/oyster quota`: a summary line, each account with its windows, the unconfigured providers. */
export function quotaBlocks(r: QuotaReport): Block[] {
  const tail = notConfiguredLine(r);
  if (r.windows.length === 0) return [section("No AI API accounts configured: add them under `monitor.providers` in `oyster.json`."), ...(tail ? [context(escapeMrkdwn(tail))] : [])];
  const count = (s: QuotaRow["status"]) => r.windows.filter((w) => w.status === s).length;
  const worst = [["exhausted", count("exhausted")], ["error", count("error")], ["low", count("low")]].filter(([, n]) => n !== 0).map(([s, n]) => `${n} ${s}`);
  const head = `*Quota: ${r.windows.length} window${r.windows.length === 1 ? "" : "s"}*${worst.length ? `, ${worst.join(", ")}` : ", all ok"}`;
  const lines: string[] = [];
  let account = "";
  for (const w of r.windows) {
    const key = `${w.provider} · ${w.account}`;
    if (key !== account) lines.push(`*${escapeMrkdwn(key)}*`);
    account = key;
    lines.push(windowLine(w));
  }
  const chunks = chunk(lines);
  // Slack takes 50 blocks: the head, 47 sections, a cut note and the context.
  const shown = chunks.slice(0, 47).map(section);
  const cut = chunks.length > 47 ? [context(`... ${chunks.length - 47} more sections cut: run \`oyster quota\` for all`)] : [];
  const foot = [`checked ${formatUtc(r.checkedAt)}`, tail].filter(Boolean).join(" · ");
  return [section(head), ...shown, ...cut, context(escapeMrkdwn(foot))];
}
