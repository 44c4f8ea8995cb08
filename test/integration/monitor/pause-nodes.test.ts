// monitor.pauseNodes against a real dispatch.db and the real guardian on a rig of OpenSSH nodes:
// exhaustion pauses exactly the mapped nodes, the guardian keeps them paused (offline while down,
// paused again when back), the reset puts them back online, a draining node is never touched, a
// node another exhausted account holds stays paused, and every change is in the audit table.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { AlertEvent } from "../../../src/alerts/types.ts";
import { loadConfig } from "../../../src/config/index.ts";
import { readNodeStates } from "../../../src/dispatch/node-state.ts";
import { PausedNodesTable } from "../../../src/monitor/paused-nodes-table.ts";
import { runMonitor } from "../../../src/monitor/run-monitor.ts";
import type { AccountCheck } from "../../../src/monitor/types.ts";
import { openStore, type Store } from "../../../src/store/index.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { silentLogger } from "../../../src/log.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { account, win } from "./monitor-fixture.ts";

const RESET = "2026-11-30T15:00:00.000Z";

describe("monitor.pauseNodes with the guardian", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(4);
    fleet = makeFleet(rig, {
      ssh: { connectTimeoutMs: 1500 },
      oyster: {
        monitor: {
          providers: { zai: [{ label: "glm", keyEnv: "ZAI_KEY" }], minimax: [{ label: "mm", keyEnv: "MINIMAX_KEY" }] },
          pauseNodes: [{ account: "zai:glm", tags: ["zai:glm"], nodes: ["node-2", "node-4"] }, { account: "minimax:mm", nodes: ["node-2"] }],
        },
      },
    });
    const nodesFile = join(fleet.configDir, "nodes.json");
    const nodes = JSON.parse(readFileSync(nodesFile, "utf8")) as { nodes: Array<{ name: string; tags?: string[] }> };
    nodes.nodes[0]!.tags = ["zai:glm"];
    writeFileSync(nodesFile, JSON.stringify(nodes));
    assert.equal((await fleet.oyster(["check"])).code, 0);
  });
  after(async () => rig?.close());

  it("pauses exactly the mapped nodes while their account is exhausted and resumes them after the reset", async () => {
    const config = loadConfig({ dir: fleet.configDir, env: fleet.env }).config;
    const dbPath = join(fleet.dispatchDir, "dispatch.db");
    let at = new Date("2026-11-30T10:00:00.000Z");
    const now = () => at;
    const store: Store = openStore(fleet.dataDir, now);
    const events: AlertEvent[] = [];
    const alerts = new AlertBook(store, { dataDir: fleet.dataDir, notifier: { notify: async (e) => void events.push(e) }, now, reminderMinutes: 240, retentionDays: 7, log: silentLogger() });
    const monitor = (zai: number, mm: number) => {
      at = new Date(at.getTime() + 5 * 60_000);
      const checks: AccountCheck[] = [
        account("zai", "glm", at, [win("zai", "glm", "5h tokens", zai, RESET)]),
        account("minimax", "mm", at, [win("minimax", "mm", "MiniMax-M2", mm, RESET)]),
      ];
      return runMonitor({ config, store, alerts, log: silentLogger(), now, check: async () => checks });
    };
    const audited = () => store.db.prepare("SELECT who, via, command, args FROM audit WHERE who = 'monitor' ORDER BY id").all().map((r) => {
      const row = r as { who: string; via: string; command: string; args: string };
      const args = JSON.parse(row.args) as { node: string; account: string };
      return [row.command, args.node, args.account];
    });
    const guardian = async () => (await fleet.oyster(["check"])).doc;

    // An operator took node-4 out of rotation.
    const db = new Database(dbPath);
    db.prepare("UPDATE nodes SET state = 'draining' WHERE name = 'node-4'").run();
    db.close();
    assert.deepEqual(readNodeStates(dbPath), { "node-1": "online", "node-2": "online", "node-3": "online", "node-4": "draining" });

    const run1 = await monitor(100, 10);
    assert.deepEqual(run1.pausing.paused, ["node-1", "node-2"]);
    assert.deepEqual(readNodeStates(dbPath), { "node-1": "paused", "node-2": "paused", "node-3": "online", "node-4": "draining" });
    assert.deepEqual(new PausedNodesTable(store.db).list().map((p) => [p.node, p.account, p.reason, p.resetsAt]), [
      ["node-1", "zai:glm", "zai:glm exhausted (5h tokens)", RESET],
      ["node-2", "zai:glm", "zai:glm exhausted (5h tokens)", RESET],
    ]);
    assert.deepEqual(audited(), [["pause-node", "node-1", "zai:glm"], ["pause-node", "node-2", "zai:glm"]]);
    const exhausted = events.find((e) => e.alert.check === "quota:zai:glm:5h tokens")!;
    assert.equal(exhausted.alert.severity, "critical");
    assert.match(exhausted.alert.message, /paused in dispatch: node-1, node-2 until the reset at 2026-11-30T15:00:00.000Z \(in 4h55m\)$/);

    // The guardian finds them reachable and leaves them paused.
    const g1 = await guardian();
    assert.deepEqual(g1.dispatchNodeChanges, []);
    assert.deepEqual(readNodeStates(dbPath), { "node-1": "paused", "node-2": "paused", "node-3": "online", "node-4": "draining" });

    // Down meanwhile: offline; back: paused again, not online.
    await rig.node("node-1").stop();
    try {
      await guardian();
      assert.equal(readNodeStates(dbPath)["node-1"], "offline");
    } finally {
      await rig.node("node-1").start();
    }
    await guardian();
    assert.equal(readNodeStates(dbPath)["node-1"], "paused");

    // A second run while still exhausted changes nothing and audits nothing more.
    await monitor(100, 10);
    assert.equal(audited().length, 2);

    // zai resets while minimax runs out: node-1 resumes, node-2 stays paused (minimax holds it).
    const run3 = await monitor(2, 100);
    assert.deepEqual([run3.pausing.paused, run3.pausing.resumed], [[], ["node-1"]]);
    assert.deepEqual(readNodeStates(dbPath), { "node-1": "online", "node-2": "paused", "node-3": "online", "node-4": "draining" });
    assert.deepEqual(new PausedNodesTable(store.db).list().map((p) => [p.node, p.account]), [["node-2", "minimax:mm"]]);

    const run4 = await monitor(3, 1);
    assert.deepEqual(run4.pausing.resumed, ["node-2"]);
    assert.deepEqual(readNodeStates(dbPath), { "node-1": "online", "node-2": "online", "node-3": "online", "node-4": "draining" });
    assert.deepEqual(new PausedNodesTable(store.db).list(), []);
    assert.deepEqual(audited(), [
      ["pause-node", "node-1", "zai:glm"], ["pause-node", "node-2", "zai:glm"],
      ["resume-node", "node-1", "zai:glm"], ["resume-node", "node-2", "minimax:mm"],
    ]);
    assert.ok(!audited().some(([, node]) => node === "node-4" || node === "node-3"));
    store.close();
  });
});
