// The false alarm that acted on the fleet: MiniMax's Token Plan answers with 0/0 counts and its
// figures in remaining percents, and the monitor read every such account as exhausted, raised a
// critical alert and paused the account's nodes in dispatch.db. `oyster run monitor` end to end
// (real HTTP to the provider stand-in, real state.db, real dispatch.db): a Token Plan with room
// left pauses nothing and alerts on nothing; the same plan at 0% left does pause, so the test
// would see the pause if the reading were wrong.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { migrateDispatchDb } from "../../../src/dispatch/migrate.ts";
import { readNodeStates, setNodeStates } from "../../../src/dispatch/node-state.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { MINIMAX_ROUTE, minimaxTokenPlan, startProviderStandin } from "../../helpers/provider-standin/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const providers = await startProviderStandin();
after(() => providers.close());

describe("oyster run monitor with a MiniMax Token Plan account", () => {
  it("pauses no node and raises no alert while the plan has room, and pauses them once a lane is at 0%", async () => {
    const dir = tmpDir();
    const configDir = join(dir, "config");
    const dispatchDir = join(dir, "dispatch");
    mkdirSync(configDir);
    mkdirSync(dispatchDir);
    const dbPath = join(dispatchDir, "dispatch.db");
    await migrateDispatchDb(dbPath, { snapshotDir: join(dir, "snapshots") });
    setNodeStates(dbPath, [{ name: "mm-node-1", state: "online" }, { name: "mm-node-2", state: "online" }]);
    writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: [{ name: "mm-node-1", host: "127.0.0.1" }, { name: "mm-node-2", host: "127.0.0.1" }] }));
    writeFileSync(join(configDir, "oyster.json"), JSON.stringify({
      dispatch: { dir: dispatchDir },
      monitor: {
        providers: { minimax: [{ label: "plan", keyEnv: "MINIMAX_KEY", baseUrl: providers.url }] },
        pauseNodes: [{ account: "minimax:plan", nodes: ["mm-node-1", "mm-node-2"] }],
        timeoutMs: 3000,
      },
    }));
    const env = { HOME: dir, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(dir, "data"), PATH: process.env.PATH, MINIMAX_KEY: "sk-cp-token-plan-key-0123456789" };
    const now = () => new Date("2026-12-14T02:30:00.000Z");
    const run = async (...argv: string[]) => {
      const c = captureOutput();
      const code = await runCli(argv, { env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() }, now });
      return { code, stdout: c.stdout, stderr: c.stderr };
    };
    const openAlerts = async () => (JSON.parse((await run("alerts", "--json")).stdout) as { alerts: Array<{ check: string; severity: string }> }).alerts;

    providers.route(MINIMAX_ROUTE, { body: minimaxTokenPlan(96, 99) });
    const healthy = await run("run", "monitor", "--json");
    assert.equal(healthy.code, 0, healthy.stdout + healthy.stderr);
    assert.deepEqual(readNodeStates(dbPath), { "mm-node-1": "online", "mm-node-2": "online" });
    assert.deepEqual(await openAlerts(), []);
    const quota = await run("quota", "--json");
    assert.equal(quota.code, 0, quota.stdout);
    const windows = (JSON.parse(quota.stdout) as { windows: Array<{ window: string; usedPct: number; status: string }> }).windows;
    assert.deepEqual(windows.map((w) => [w.window, w.usedPct, w.status]), [["general", 4, "ok"], ["general weekly", 1, "ok"]]);

    providers.route(MINIMAX_ROUTE, { body: minimaxTokenPlan(0, 40) });
    assert.equal((await run("run", "monitor")).code, 0);
    assert.deepEqual(readNodeStates(dbPath), { "mm-node-1": "paused", "mm-node-2": "paused" });
    assert.deepEqual((await openAlerts()).map((a) => [a.check, a.severity]), [["quota:minimax:plan:general", "critical"]]);
  });
});
