// monitor.agents, Codex `app-server` source, on a rig of real OpenSSH nodes with a stand-in
// `codex` on the node's PATH (test/helpers/fake-codex.ts: the JSON-RPC order enforced,
// notifications before answers). The node-side reader starts `codex app-server` with CODEX_HOME
// set to the account's dir, reads account/rateLimits/read, and stops it; a codex that hangs is
// killed at the deadline with its children, and errors and a missing codex say so.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { after, before, beforeEach, describe, it } from "node:test";
import { checkAll } from "../../../../src/monitor/check-all.ts";
import { openRuntime, type Runtime } from "../../../../src/runtime.ts";
import { putAgentFile } from "../../../helpers/agent-files.ts";
import { fakeCodexLog, fakeCodexPath, putFakeCodex, removeFakeCodex } from "../../../helpers/fake-codex.ts";
import { makeFleet, type Fleet } from "../../../helpers/fleet-fixture.ts";
import { startRig, type Rig, type RigNode } from "../../../helpers/rig/index.ts";
import { waitUntil } from "../../../helpers/wait-until.ts";

type Window = { provider: string; account: string; window: string; usedPct: number | null; resetsAt: string | null; status: string; node?: string; source?: string; readingAt?: string; windowSeconds: number | null; detail?: string; errorKind?: string; note?: string; raw?: string };

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

/** Pids of the stand-in codex and its child on this node (their argv holds `<bin>/codex`). */
function codexPids(node: RigNode): number[] {
  const r = spawnSync("pgrep", ["-f", fakeCodexPath(node)], { encoding: "utf8" });
  return r.stdout.split("\n").filter(Boolean).map(Number);
}

describe("monitor.agents codex app-server", () => {
  let rig: Rig;
  let fleet: Fleet;
  let node: RigNode;
  let rt: Runtime | undefined;
  before(async () => {
    rig = await startRig(1);
    node = rig.node("node-1");
    fleet = makeFleet(rig, { oyster: { monitor: { agents: [{ provider: "codex", label: "pro", source: "app-server", dir: `${rig.dir}/{node}/codex` }] } } });
    // The account's CODEX_HOME, owned by the node user (the stand-in logs into it).
    putAgentFile(node, "codex/config.toml", "# codex config\n");
  });
  beforeEach(() => rmSync(fakeCodexLog(node), { force: true }));
  after(async () => {
    // Whatever a failed test left running: only the stand-ins this file started, by pid.
    if (node) for (const pid of codexPids(node)) process.kill(pid, "SIGKILL");
    await rt?.close();
    await rig?.close();
  });

  const quota = async () => {
    const r = await fleet.oyster(["quota"]);
    return { ...r, windows: (r.doc.windows as Window[]).filter((w) => w.provider === "codex") };
  };

  it("reads the windows from account/rateLimits/read after initialize, with CODEX_HOME set to the account's dir, named by length, read now", async () => {
    const weeklyReset = new Date(Date.now() + 30 * 3_600_000);
    const fiveReset = new Date(Date.now() + 100 * 60_000);
    putFakeCodex(node, { answer: "limits", rateLimits: {
      // The weekly window in the primary slot: names come from windowDurationMins.
      primary: { usedPercent: 61, windowDurationMins: 10080, resetsAt: sec(weeklyReset) },
      secondary: { usedPercent: 22, windowDurationMins: 300, resetsAt: sec(fiveReset) },
      planType: "pro",
    } });
    const before = sec(new Date()) * 1000;
    const { code, windows } = await quota();
    assert.equal(code, 0);
    const byName = new Map(windows.map((w) => [w.window, w]));
    assert.deepEqual([...byName.keys()].sort(), ["5h", "weekly"], JSON.stringify(windows));
    assert.deepEqual([byName.get("weekly")!.usedPct, byName.get("weekly")!.windowSeconds, byName.get("weekly")!.resetsAt], [61, 604_800, new Date(sec(weeklyReset) * 1000).toISOString()]);
    assert.deepEqual([byName.get("5h")!.usedPct, byName.get("5h")!.resetsAt], [22, new Date(sec(fiveReset) * 1000).toISOString()]);
    for (const w of windows) {
      assert.deepEqual([w.account, w.node, w.source, w.status], ["pro", "node-1", "app-server", "ok"]);
      assert.match(w.note ?? "", /plan pro/);
      const at = Date.parse(w.readingAt ?? "");
      assert.ok(at >= before && at <= Date.now(), `read now, not ${w.readingAt}`);
    }
    const log = readFileSync(fakeCodexLog(node), "utf8").trim().split("\n");
    assert.deepEqual(log, [
      'argv=["app-server"]',
      `CODEX_HOME=${rig.dir}/node-1/codex`,
      "method=initialize",
      "method=initialized",
      "method=account/rateLimits/read",
    ]);
  });

  it("shows the server's JSON-RPC error, cut short", async () => {
    const message = "failed to fetch codex rate limits: upstream said 503 " + "and then it said more ".repeat(30) + "END-OF-MESSAGE";
    putFakeCodex(node, { answer: "error", message });
    const { code, windows } = await quota();
    assert.equal(code, 1);
    assert.equal(windows.length, 1);
    const [w] = windows;
    assert.equal(w!.status, "error");
    assert.match(w!.detail ?? "", /^node-1: codex app-server: failed to fetch codex rate limits: upstream said 503 and then/);
    assert.ok(!(w!.detail ?? "").includes("END-OF-MESSAGE") && (w!.detail ?? "").length < 300, w!.detail);
  });

  it("says codex is not on PATH when the node has none", async () => {
    removeFakeCodex(node);
    const { windows } = await quota();
    assert.deepEqual(windows.map((w) => [w.status, w.errorKind, w.detail]), [["error", "no_reading", "node-1: codex not on PATH"]]);
  });

  it("stops a codex that does not answer by the deadline: the account says timeout, and no codex process is left on the node", async () => {
    putFakeCodex(node, { answer: "hang" });
    rt = openRuntime({ processEnv: fleet.env, stderrLevel: "silent" });
    const started = Date.now();
    const checks = await checkAll(rt.config, fleet.env, { ssh: rt.ssh, agentExtra: { deadlineMs: 1500 } });
    const codex = checks.find((c) => c.provider === "codex")!;
    assert.equal(codex.windows.length, 1);
    assert.equal(codex.windows[0]!.status, "error");
    assert.match(codex.windows[0]!.detail ?? "", /^node-1: timeout: codex app-server did not answer account\/rateLimits\/read within 1\.5 s/);
    assert.ok(Date.now() - started < 8000, "the node-side deadline, not the SSH timeout, ended it");
    // The stand-in got as far as starting its child: both must be gone, the whole group killed.
    assert.ok(readFileSync(fakeCodexLog(node), "utf8").includes("method=account/rateLimits/read"));
    await waitUntil(() => codexPids(node).length === 0, () => `no codex process left on node-1 (still: ${codexPids(node).join(", ")})`, 5000);
  });
});
