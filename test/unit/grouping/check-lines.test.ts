import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CheckResult, GuardianReport } from "../../../jobs/guardian/report.ts";
import { checkLines } from "../../../src/grouping/check-lines.ts";
import { checkTable } from "../../../src/grouping/check-verbose.ts";
import { PLAIN, resolvePaint, terminalPaint } from "../../../src/render/paint.ts";
import { table } from "../../../src/render/table.ts";
import { makeView, plainView } from "../../../src/render/view.ts";

const NODES = Array.from({ length: 20 }, (_, i) => `node-${i + 1}`);

function report(results: CheckResult[], extra: Partial<GuardianReport> = {}): GuardianReport {
  return { startedAt: "2026-12-07T10:00:00.000Z", durationMs: 5, fix: true, nodes: NODES, storm: null, dispatchNodeChanges: [], results, ok: !results.some((r) => r.status === "failed"), ...extra };
}
const healthy = (): CheckResult[] => [
  { check: "db_schema", node: null, status: "passed", detail: "schema version 2" },
  ...NODES.flatMap((n, i): CheckResult[] => [
    { check: "ssh_connection", node: n, status: "passed", detail: `round trip in ${i + 3} ms` },
    { check: "wrapper_version", node: n, status: "passed", detail: "task-wrapper.sh matches (cea56e9b53fc)" },
  ]),
];
const differs = "task-wrapper.sh differs (node 073c6c225155, controller cea56e9b53fc)";
const failing = (...nodes: string[]): CheckResult[] =>
  healthy().map((r) => (r.check === "wrapper_version" && nodes.includes(r.node!) ? { ...r, status: "failed", detail: differs, alert: { id: `a-${r.node}`, status: "open" } } : r));

describe("checkLines", () => {
  const en = plainView("en");

  it("says a healthy fleet in a line per check and the summary", () => {
    assert.deepEqual(checkLines(report(healthy()), en), [
      "db_schema passed fleet-wide",
      "ssh_connection passed on 20 nodes",
      "wrapper_version passed on 20 nodes",
      "41 passed, 0 fixed, 0 failed, 0 skipped over 20 node(s)",
    ]);
  });

  it("names both nodes of one failure on one line, with their alerts, ahead of the passes", () => {
    const lines = checkLines(report(failing("node-2", "node-7")), en);
    assert.equal(lines[0], `wrapper_version FAILED on node-2, node-7: ${differs} [alerts a-node-2, a-node-7 open]`);
    assert.ok(lines.includes("wrapper_version passed on 18 nodes"));
    assert.equal(lines.filter((l) => l.includes("FAILED")).length, 1);
  });

  it("gives a different detail its own line", () => {
    const results = failing("node-2", "node-7").map((r) => (r.node === "node-7" && r.check === "wrapper_version" ? { ...r, detail: "task-wrapper.sh missing on the node" } : r));
    const failed = checkLines(report(results), en).filter((l) => l.includes("FAILED"));
    assert.deepEqual(failed.map((l) => l.replace(/ \[.*$/, "")), [`wrapper_version FAILED on node-2: ${differs}`, "wrapper_version FAILED on node-7: task-wrapper.sh missing on the node"]);
  });

  it("shows fixes and fleet-wide results as such, and summarises skips a line per reason", () => {
    const lines = checkLines(
      report([
        { check: "db_schema", node: null, status: "fixed", detail: "created dispatch.db" },
        { check: "wrapper_version", node: "node-3", status: "fixed", detail: "pushed task-wrapper.sh" },
        { check: "stuck_tasks", node: null, status: "skipped", detail: "switched off in guardian_config.json" },
        { check: "ssh_connection", node: "node-9", status: "skipped", detail: "node unreachable" },
        { check: "wrapper_version", node: "node-9", status: "skipped", detail: "node unreachable" },
      ]),
      en,
    );
    assert.deepEqual(lines.slice(0, 4), [
      "db_schema fixed fleet-wide: created dispatch.db",
      "wrapper_version fixed on node-3: pushed task-wrapper.sh",
      "stuck_tasks skipped fleet-wide: switched off in guardian_config.json",
      "ssh_connection, wrapper_version skipped on node-9: node unreachable",
    ]);
  });

  it("keeps the storm line first and dispatch's changes, one line per change", () => {
    const lines = checkLines(report(healthy(), { storm: ["node-1", "node-2", "node-3"], dispatchNodeChanges: NODES.map((name) => ({ name, from: null, to: "online" })) }), en);
    assert.equal(lines[0], "STORM: 3 nodes unreachable together (node-1, node-2, node-3); fixes held");
    assert.deepEqual(lines.filter((l) => l.startsWith("dispatch:")), [`dispatch: ${NODES.join(", ")} (new) -> online`]);
    assert.match(lines.at(-1)!, /; STORM: 3 nodes unreachable$/);
  });

  it("cuts a long node list where asked (Slack), and names every node where not (the terminal)", () => {
    const all = failing(...NODES.slice(0, 16));
    assert.match(checkLines(report(all), en, { maxNames: 2 })[0]!, /^wrapper_version FAILED on node-1, node-2, \.\.\. and 14 more: /);
    assert.match(checkLines(report(all), en)[0]!, /node-15, node-16: /);
  });

  it("on a terminal, marks a failure and paints it; a pass gets its symbol and no colour", () => {
    const view = makeView("en", terminalPaint(true), 80);
    const shown = checkLines(report(failing("node-2")), view).map((l) => resolvePaint(l, true));
    assert.match(shown[0]!, /^\x1b\[1;31m✖\x1b\[0m \x1b\[1;31mwrapper_version FAILED on node-2/);
    const pass = shown.find((l) => l.includes("passed on 19 nodes"))!;
    assert.equal(pass, "\x1b[32m✔\x1b[0m wrapper_version passed on 19 nodes");
  });

  it("reads in Chinese with zh-CN; check names, nodes and details stay as they are", () => {
    const lines = checkLines(report(failing("node-2", "node-7")), plainView("zh-CN"));
    assert.equal(lines[0], `wrapper_version 失败（node-2, node-7）：${differs} [告警 a-node-2, a-node-7 未处理]`);
    assert.ok(lines.includes("wrapper_version 在 18 个节点上通过"));
    assert.equal(lines.at(-1), "通过 39，修复 0，失败 2，跳过 0，共 20 个节点");
  });
});

describe("checkTable (--verbose)", () => {
  it("is, in English without paint, the per-node table check printed before grouping", () => {
    const data = report(failing("node-2"), { storm: ["node-1", "node-2", "node-3"], dispatchNodeChanges: [{ name: "node-4", from: "online", to: "offline" }] });
    // What commands/check.ts printed before results were grouped, kept here as the reference.
    const rows = data.results.map((r) => [r.check, r.node ?? "(fleet)", r.status.toUpperCase(), r.detail + (r.alert ? ` [alert ${r.alert.id} ${r.alert.status}]` : "")]);
    const before = [
      `STORM: 3 nodes unreachable together (node-1, node-2, node-3); fixes held\n${table(["CHECK", "NODE", "RESULT", "DETAIL"], rows)}`,
      "dispatch: node-4 online -> offline",
      "40 passed, 0 fixed, 1 failed, 0 skipped over 20 node(s); STORM: 3 nodes unreachable",
    ].join("\n");
    assert.equal(checkTable(data, makeView("en", PLAIN, 80)), before);
    assert.equal(checkTable(data, makeView("en", PLAIN, 80)).split("\n").length, 1 + 1 + 41 + 2);
  });

  it("aligns columns as a terminal shows them in Chinese (CJK two columns wide)", () => {
    const lines = checkTable(report(failing("node-2")), plainView("zh-CN")).split("\n");
    assert.match(lines[0]!, /^检查\s+节点\s+结果\s+详情$/);
    const col = (l: string, word: string) => [...l.slice(0, l.indexOf(word))].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    const failedRow = lines.find((l) => l.includes("失败"))!;
    assert.equal(col(failedRow, "失败"), col(lines[0]!, "结果"));
  });
});
