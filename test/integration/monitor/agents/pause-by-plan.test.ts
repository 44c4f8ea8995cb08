// monitor.pauseNodes with an agent plan (`codex:<label>`), end to end on a rig of real OpenSSH
// nodes, a real dispatch.db and `oyster run monitor`: an exhausted weekly window read on the node
// pauses exactly the mapped node; once the reset has passed the same reading resumes it; a stale
// reading (older than monitor.agentStaleHours) pauses nothing and raises nothing.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../../../src/cli.ts";
import { readNodeStates } from "../../../../src/dispatch/node-state.ts";
import { captureOutput } from "../../../helpers/capture-output.ts";
import { makeFleet, type Fleet } from "../../../helpers/fleet-fixture.ts";
import { putAgentFile, rolloutPath, tokenCountLine } from "../../../helpers/agent-files.ts";
import { startRig, type Rig } from "../../../helpers/rig/index.ts";

const minutes = (n: number) => n * 60_000;

describe("monitor.pauseNodes with a codex plan read on the nodes", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(2);
    fleet = makeFleet(rig, {
      oyster: {
        monitor: {
          agents: [{ provider: "codex", label: "pro", nodes: ["node-1"], dir: `${rig.dir}/{node}/codex` }],
          pauseNodes: [{ account: "codex:pro", nodes: ["node-1"] }],
        },
      },
    });
    assert.equal((await fleet.oyster(["check"])).code, 0, "the guardian creates dispatch.db with both nodes online");
  });
  after(async () => rig?.close());

  const run = async (at: Date, ...argv: string[]) => {
    const c = captureOutput();
    const code = await runCli([...argv, "--json"], { env: fleet.env, out: c.out, io: { input: new PassThrough(), output: new PassThrough() }, now: () => at });
    return { code, doc: JSON.parse(c.stdout) as Record<string, unknown>, stderr: c.stderr };
  };
  const states = () => readNodeStates(join(fleet.dispatchDir, "dispatch.db"));
  const alerts = async (at: Date) => ((await run(at, "alerts")).doc.alerts as Array<{ check: string; severity: string }>).map((a) => [a.check, a.severity]);
  const rollout = (node: string, read: Date, weeklyPct: number, weeklyReset: Date) => {
    rmSync(join(rig.node(node).dir, "codex"), { recursive: true, force: true });
    putAgentFile(rig.node(node), rolloutPath(read, "s1"), tokenCountLine({
      at: read, windows: [{ usedPct: 12, minutes: 300, resetsAt: new Date(read.getTime() + minutes(120)) }, { usedPct: weeklyPct, minutes: 10080, resetsAt: weeklyReset }],
    }) + "\n");
  };

  it("pauses exactly the mapped node while the weekly window is exhausted, and resumes it after the reset", async () => {
    const now = new Date();
    const reset = new Date(now.getTime() + minutes(90));
    rollout("node-1", new Date(now.getTime() - minutes(10)), 100, reset);
    const first = await run(now, "run", "monitor");
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(states(), { "node-1": "paused", "node-2": "online" });
    assert.deepEqual(await alerts(now), [["quota:codex:pro:weekly", "critical"]]);

    // The same reading, looked at after its reset: the window is history, the node goes back.
    const later = new Date(reset.getTime() + minutes(5));
    const second = await run(later, "run", "monitor");
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(states(), { "node-1": "online", "node-2": "online" });
    assert.deepEqual(await alerts(later), []);
    const q = await run(later, "quota");
    const weekly = (q.doc.windows as Array<{ window: string; usedPct: number | null; note?: string; status: string }>).find((w) => w.window === "weekly")!;
    assert.deepEqual([weekly.usedPct, weekly.status], [null, "ok"]);
    assert.match(weekly.note!, /^reset since .* \(was 100% when read\)/);
  });

  it("shows a stale reading as stale and pauses, resumes and alerts nothing on it", async () => {
    const now = new Date();
    rollout("node-1", new Date(now.getTime() - minutes(7 * 60)), 100, new Date(now.getTime() + minutes(600)));
    const r = await run(now, "run", "monitor");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(states(), { "node-1": "online", "node-2": "online" });
    assert.deepEqual(await alerts(now), []);
    const q = await run(now, "quota");
    const windows = (q.doc.windows as Array<{ window: string; stale?: boolean; status: string }>);
    assert.deepEqual(windows.map((w) => [w.window, w.stale, w.status]).sort(), [["5h", true, "ok"], ["weekly", true, "exhausted"]]);
  });
});
