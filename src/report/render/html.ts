import { escapeHtml } from "../../render/escape.ts";
import type { DailyReport } from "../types.ts";
import { viewReport, type ListView, type SectionView } from "../view/index.ts";
import { plainView, type View } from "../../render/view.ts";
import type { Translate } from "../../locale/index.ts";

/** An email can be longer than a terminal: every entry the report holds (up to 50 per list). */
export const HTML_LIST_ITEMS = 50;


// Every value is escaped: node names, task errors and alert messages are untrusted text.
export { escapeHtml };

// Lists that mean something is wrong are drawn in red, so the eye finds them first.
function list(l: ListView, t: Translate): string {
  const shown = l.items.slice(0, HTML_LIST_ITEMS);
  const more = l.total - shown.length;
  const colour = l.alarming ? "#b00020" : "#333";
  const items = shown.map((i) => `<li>${escapeHtml(i)}</li>`);
  if (more > 0) items.push(`<li><em>${escapeHtml(t("report.more", { count: more }))}</em></li>`);
  return `<p style="margin:6px 0 2px;color:${colour}"><strong>${escapeHtml(l.label)}</strong></p>\n<ul style="margin:0;padding-left:20px">\n${items.join("\n")}\n</ul>`;
}

function section(s: SectionView, t: Translate): string {
  const parts = [`<h2 style="font-size:15px;margin:16px 0 4px">${escapeHtml(s.title)}</h2>`, `<p style="margin:0">${escapeHtml(s.summary)}</p>`];
  if (s.facts.length > 0) {
    const rows = s.facts.map((f) => `<tr><td style="color:#666;padding-right:12px">${escapeHtml(f.label)}</td><td>${escapeHtml(f.value)}</td></tr>`);
    parts.push(`<table style="border-collapse:collapse;margin:4px 0">\n${rows.join("\n")}\n</table>`);
  }
  parts.push(...s.lists.map((l) => list(l, t)));
  return parts.join("\n");
}

/** The report as an HTML email: a complete document with inline styles (mail clients drop <style>). */
export function renderHtml(r: DailyReport, view: View = plainView()): string {
  const v = viewReport(r, view);
  return [
    "<!doctype html>",
    `<html lang="${view.locale}"><head><meta charset="utf-8"><title>${escapeHtml(v.title)}</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222">',
    `<h1 style="font-size:18px;margin:0 0 4px">${escapeHtml(v.headline)}</h1>`,
    `<p style="margin:0;color:#666">${escapeHtml(v.window)}</p>`,
    ...v.sections.map((s) => section(s, view.t)),
    "</body></html>",
    "",
  ].join("\n");
}
