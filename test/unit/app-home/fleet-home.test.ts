// The App Home's data from stored state alone: a real state.db (guardian availability samples,
// drain records, the monitor's holds, alerts, quota samples, job runs) and a real dispatch.db.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { CREATE_SQL } from "../../../src/dispatch/schema.ts";
import { DrainTable } from "../../../src/fleet/drain-table.ts";
import { readFleetHome } from "../../../src/app-home/fleet-home.ts";
import { PausedNodesTable } from "../../../src/monitor/paused-nodes-table.ts";
import { QuotaSamples } from "../../../src/monitor/quota-samples.ts";
import { recordAvailability } from "../../../src/store/availability.ts";
import { openStore } from "../../../src/store/index.ts";
import { openSqlite } from "../../../src/store/sqlite-driver.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { zaiWindow } from "../../helpers/quota-samples-fixture.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const NOW = new Date("2026-12-07T12:00:00Z");

function setup(nodes: string[]) {
  const root = tmpDir();
  const configDir = join(root, "config");
  const dispatchDir = join(root, "dispatch");
  mkdirSync(configDir);
  mkdirSync(dispatchDir);
  writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: nodes.map((name) => ({ name })) }));
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir }, monitor: { thresholds: [80, 95] } }));
  const config = loadConfig({ dir: configDir, env: { HOME: root } }).config;
  const store = openStore(join(root, "data"), () => NOW);
  return { config, store, dataDir: join(root, "data") };
}

function writeDispatchStates(path: string, states: Record<string, string>) {
  const db = openSqlite(path);
  db.exec(CREATE_SQL.nodes);
  for (const [name, state] of Object.entries(states)) db.prepare("INSERT INTO nodes (name, state, updated_at) VALUES (?, ?, ?)").run(name, state, NOW.toISOString());
  db.close();
}

describe("readFleetHome", () => {
  it("puts each configured node in one condition from stored facts: down, draining, paused, up, not checked", () => {
    const { config, store } = setup(["n-up", "n-down", "n-drain", "n-held", "n-new"]);
    recordAvailability(store.db, [{ node: "n-up", up: true }, { node: "n-down", up: true }, { node: "n-drain", up: true }, { node: "n-held", up: true }], new Date("2026-12-07T11:00:00Z"));
    // The newest sample wins: n-down answered an hour ago, not at the last run.
    recordAvailability(store.db, [{ node: "n-up", up: true }, { node: "n-down", up: false }, { node: "n-drain", up: true }, { node: "n-held", up: true }], new Date("2026-12-07T11:55:00Z"));
    writeDispatchStates(config.oyster.dispatch.db, { "n-up": "online", "n-down": "offline", "n-drain": "draining", "n-held": "online" });
    new PausedNodesTable(store.db).hold({ node: "n-held", account: "zai:glm", pausedAt: NOW.toISOString(), reason: "5h tokens exhausted", resetsAt: null });
    const home = readFleetHome({ config, store, now: () => NOW, jobNames: [] });
    assert.deepEqual(home.nodes.groups, { down: ["n-down"], draining: ["n-drain"], paused: ["n-held"], up: ["n-up"], unknown: ["n-new"] });
    assert.equal(home.nodes.sampledAt, "2026-12-07T11:55:00.000Z");
    assert.equal(home.nodes.dispatchRead, true);
    store.close();
  });

  it("falls back to Oyster's drain records when dispatch.db cannot be read", () => {
    const { config, store } = setup(["a", "b"]);
    recordAvailability(store.db, [{ node: "a", up: true }, { node: "b", up: true }], NOW);
    new DrainTable(store.db).record({ node: "b", by: "cli:alice", reason: "kernel", at: NOW.toISOString() });
    const home = readFleetHome({ config, store, now: () => NOW, jobNames: [] });
    assert.equal(home.nodes.dispatchRead, false);
    assert.deepEqual([home.nodes.groups.up, home.nodes.groups.draining], [["a"], ["b"]]);
    store.close();
  });

  it("lists open alerts most severe first (acknowledged and snoozed too), never resolved ones", async () => {
    const { config, store, dataDir } = setup(["node-1", "node-2"]);
    const book = new AlertBook(store, { dataDir, notifier: { notify: async () => {} }, now: () => NOW, reminderMinutes: 60, retentionDays: 30, log: memoryLogger("silent").log });
    const warn = await book.raise({ source: "guardian", check: "disk", node: "node-1", severity: "warning", message: "disk 90%", attempts: 1 });
    await book.raise({ source: "guardian", check: "node_availability", node: "node-2", severity: "critical", message: "down", attempts: 1 });
    const gone = await book.raise({ source: "guardian", check: "wrapper_version", node: "node-2", severity: "critical", message: "differs", attempts: 1 });
    await book.ack(warn.id, "slack:UOPER");
    await book.resolve("guardian", gone.check, "node-2");
    const home = readFleetHome({ config, store, now: () => NOW, jobNames: [] });
    assert.deepEqual(home.alerts.map((a) => [a.check, a.severity, a.status, a.ackBy]), [["node_availability", "critical", "open", null], ["disk", "warning", "acknowledged", "slack:UOPER"]]);
    store.close();
  });

  it("shows quota windows at or over the first threshold (fullest first) and marks stale readings", () => {
    const { config, store } = setup([]);
    const samples = new QuotaSamples(store.db);
    samples.record(new Date("2026-12-07T11:50:00Z"), [zaiWindow({ usedPct: 50 }), zaiWindow({ window: "weekly", usedPct: 85, status: "low" }), zaiWindow({ account: "other", usedPct: 100, remaining: 0, status: "exhausted" })]);
    samples.record(new Date("2026-12-06T01:00:00Z"), [zaiWindow({ account: "old", usedPct: 90 })]);
    const home = readFleetHome({ config, store, now: () => NOW, jobNames: [] });
    assert.deepEqual(home.quota.map((q) => [q.account, q.window, q.status, q.stale]), [["zai:other", "5h tokens", "exhausted", false], ["zai:old", "5h tokens", "low", true], ["zai:glm", "weekly", "low", false]]);
    store.close();
  });

  it("gives the last run of each job, never-run ones included", () => {
    const { config, store } = setup([]);
    const id = store.jobRuns.start("guardian", "schedule", "bot");
    store.jobRuns.finish(id, "failed", "2 checks failed");
    const home = readFleetHome({ config, store, now: () => NOW, jobNames: ["guardian", "backup"] });
    assert.deepEqual(home.jobs.map((j) => [j.job, j.outcome, j.summary]), [["guardian", "failed", "2 checks failed"], ["backup", null, null]]);
    store.close();
  });
});
