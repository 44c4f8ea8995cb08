// The actions the guardian puts on its alerts: each is a command line that `restart`, `units` and
// `check --rearm` accept as they stand, aimed at exactly the unit, node and check alerted on.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { check } from "../../../../commands/check.ts";
import { rearmAction, unitAlertActions } from "../../../../jobs/guardian/alert-actions.ts";
import { evaluate } from "../../../../jobs/guardian/evaluate.ts";
import { Ledger } from "../../../../jobs/guardian/ledger.ts";
import { AlertBook } from "../../../../src/alerts/alert-book.ts";
import { parseWords, validateArgs } from "../../../../src/command/parse-args.ts";
import { loadConfig } from "../../../../src/config/index.ts";
import { silentLogger } from "../../../../src/log.ts";
import { parseRestartWords, resolveTarget } from "../../../../src/restart/index.ts";
import { openStore } from "../../../../src/store/index.ts";
import { resolveUnits, unitsSchema } from "../../../../src/units/status-args.ts";
import { tmpDir } from "../../../helpers/tmp-dir.ts";

function fleetConfig() {
  const dir = join(tmpDir(), "config");
  mkdirSync(dir);
  const nodes = [
    { name: "node-1", services: ["agent-daemon", "node-1-watcher", "gpu-exporter"] },
    // Two watchers, neither <node>-watcher: `restart watcher` refuses there, so the unit is named.
    { name: "node-2", services: ["a-watcher", "b-watcher"] },
  ];
  writeFileSync(join(dir, "nodes.json"), JSON.stringify({ nodes }));
  return loadConfig({ dir, env: { HOME: dir } }).config;
}

describe("guardian alert actions", () => {
  const config = fleetConfig();
  const lookup = () => undefined;

  it("a down unit's Restart runs restart for exactly that unit, named as an operator would type it", () => {
    const cases: Array<[string, string, string]> = [
      ["node-1", "agent-daemon", "restart daemon node-1"],
      ["node-1", "node-1-watcher", "restart watcher node-1"],
      ["node-1", "gpu-exporter", "restart service node-1 gpu-exporter"],
      ["node-2", "a-watcher", "restart service node-2 a-watcher"],
    ];
    for (const [node, unit, line] of cases) {
      const [restart] = unitAlertActions(config, node, unit);
      assert.equal(restart!.label, `Restart ${unit}`);
      assert.equal(restart!.argv.join(" "), line);
      const parsed = parseRestartWords(restart!.argv.slice(1));
      assert.ok("args" in parsed, line);
      assert.deepEqual(resolveTarget(config, lookup, parsed.args), { kind: restart!.argv[1], node, unit });
    }
  });

  it("a down unit's Show journal is a private `units <node> <unit>` for that listed unit", () => {
    const [, journal] = unitAlertActions(config, "node-1", "gpu-exporter");
    assert.deepEqual(journal, { label: "Show journal gpu-exporter", argv: ["units", "node-1", "gpu-exporter"], private: true });
    const args = unitsSchema.parse({ _: journal!.argv.slice(1) });
    assert.deepEqual(resolveUnits(config, lookup, args), ["gpu-exporter"]);
  });

  it("Re-arm fixes is `check --rearm` for the alert's check and node (none for a fleet-wide one)", () => {
    assert.deepEqual(validateArgs(check, parseWords(check, rearmAction("node_availability", "node-1").argv.slice(1))), { check: "node_availability", node: "node-1", fix: true, rearm: true });
    assert.deepEqual(rearmAction("db_schema", null).argv, ["check", "--rearm", "db_schema"]);
  });

  it("offers Re-arm fixes once the fix budget is spent, with the check's own actions first; never while fixes remain or when auto-fix is off", async () => {
    const dir = tmpDir();
    const store = openStore(dir);
    const now = () => new Date("2026-12-07T10:00:00Z");
    const alerts = new AlertBook(store, { dataDir: dir, notifier: { notify: async () => {} }, reminderMinutes: 60, retentionDays: 7, now, log: silentLogger() });
    const ev = { ledger: new Ledger(store.db, now), alerts, fix: true, storm: false, maxFixAttempts: 3, alertAfter: 1 };
    const own = unitAlertActions(config, "node-1", "gpu-exporter");
    const down = async () => ({ ok: false as const, severity: "critical" as const, detail: "gpu-exporter failed", fix: async () => { throw new Error("still failed"); }, actions: own });
    const labels = () => alerts.find("guardian", "node_availability", "node-1")?.actions?.map((a) => a.label);
    await evaluate(ev, "node_availability", "node-1", down);
    assert.deepEqual(labels(), ["Restart gpu-exporter", "Show journal gpu-exporter"], "attempt 1 of 3: fixes remain");
    await evaluate(ev, "node_availability", "node-1", down);
    await evaluate(ev, "node_availability", "node-1", down);
    assert.deepEqual(labels(), ["Restart gpu-exporter", "Show journal gpu-exporter", "Re-arm fixes"], "attempt 3 of 3 failed");
    const off = { ...ev, maxFixAttempts: 0 };
    await evaluate(off, "wrapper_version", "node-1", async () => ({ ok: false as const, severity: "warning" as const, detail: "drift", fix: async () => "pushed" }));
    assert.equal(alerts.find("guardian", "wrapper_version", "node-1")?.actions, undefined, "nothing to re-arm when auto-fix is off");
    store.close();
  });
});
