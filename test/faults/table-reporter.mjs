// A node:test reporter for `npm run test:faults`: collects the fault rows (tests named
// `[class] broken :: holds`, see fault-case.ts) as they pass, fail or are skipped, and at the end
// prints them as one table (class / what is broken / what must hold / result / seconds) and
// writes the same rows as JSON to $OYSTER_FAULTS_JSON (default test-results/faults.json).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

const ROW = /^\[([a-z-]+)\] (.+) :: (.+)$/s;

function cell(text, width) {
  const t = String(text).replace(/\s+/g, " ");
  return t.length <= width ? t.padEnd(width) : `${t.slice(0, width - 1)}…`;
}

export default async function* faultTable(source) {
  const rows = [];
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const m = ROW.exec(event.data.name);
    if (!m || event.data.details?.type === "suite") continue;
    const result = event.type === "test:fail" ? "FAIL" : event.data.skip !== undefined ? "skipped" : "pass";
    const row = { class: m[1], broken: m[2], holds: m[3], result, seconds: Math.round((event.data.details?.duration_ms ?? 0) / 100) / 10 };
    if (result === "FAIL") row.error = String(event.data.details?.error?.cause?.message ?? event.data.details?.error?.message ?? "").split("\n")[0];
    rows.push(row);
  }
  rows.sort((a, b) => a.class.localeCompare(b.class));
  const w = { class: 10, broken: 48, holds: 64, result: 7 };
  const line = (r) => `${cell(r.class, w.class)} | ${cell(r.broken, w.broken)} | ${cell(r.holds, w.holds)} | ${cell(r.result, w.result)} | ${r.seconds}`;
  let out = `\nFault suite: ${rows.length} cases\n`;
  out += `${line({ class: "class", broken: "what is broken", holds: "what must hold", result: "result", seconds: "s" })}\n`;
  out += `${"-".repeat(w.class)}-+-${"-".repeat(w.broken)}-+-${"-".repeat(w.holds)}-+-${"-".repeat(w.result)}-+------\n`;
  for (const r of rows) out += `${line(r)}\n`;
  const count = (what) => rows.filter((r) => r.result === what).length;
  out += `\npassed ${count("pass")}, failed ${count("FAIL")}, skipped ${count("skipped")}\n`;
  for (const r of rows.filter((x) => x.result === "FAIL")) out += `FAIL [${r.class}] ${r.broken}: ${r.error}\n`;
  const json = resolve(process.env.OYSTER_FAULTS_JSON ?? "test-results/faults.json");
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify({ cases: rows, passed: count("pass"), failed: count("FAIL"), skipped: count("skipped") }, null, 2)}\n`);
  out += `rows as JSON: ${json}\n`;
  yield out;
}
