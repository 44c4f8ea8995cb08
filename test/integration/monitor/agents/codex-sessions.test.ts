// monitor.agents, Codex `sessions` source, on a rig of real OpenSSH nodes: the node-side reader
// picks the newest token_count line with windows from the rollout files (a null-window `premium`
// marker after it is skipped), windows are named by their length, the freshest node wins, and the
// reading's age is shown; `oyster quota --json` carries it all.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makeFleet, type Fleet } from "../../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../../helpers/rig/index.ts";
import { putAgentFile, rolloutPath, tokenCountLine } from "../../../helpers/agent-files.ts";

type Window = { provider: string; account: string; window: string; usedPct: number | null; resetsAt: string | null; status: string; node?: string; source?: string; readingAt?: string; stale?: boolean; windowSeconds: number | null; detail?: string; errorKind?: string; note?: string };

const minutes = (n: number) => n * 60_000;

describe("monitor.agents codex sessions", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(2);
    fleet = makeFleet(rig, { oyster: { monitor: { agents: [{ provider: "codex", label: "pro", dir: `${rig.dir}/{node}/codex` }] } } });
  });
  after(async () => rig?.close());

  const quota = async () => {
    const r = await fleet.oyster(["quota"]);
    return { ...r, windows: (r.doc.windows as Window[]).filter((w) => w.provider === "codex") };
  };

  it("reads the newest token_count line with windows, named by length (primary may be the weekly one), with the reading's age", async () => {
    const now = Date.now();
    const read = new Date(now - minutes(12));
    const weeklyReset = new Date(now + minutes(60 * 30));
    const fiveReset = new Date(now + minutes(100));
    putAgentFile(rig.node("node-1"), rolloutPath(new Date(now - minutes(40)), "a1"), [
      tokenCountLine({ at: new Date(now - minutes(30)), windows: [{ usedPct: 10, minutes: 300, resetsAt: fiveReset }, { usedPct: 40, minutes: 10080, resetsAt: weeklyReset }] }),
      // Primary is the weekly one here: names come from window_minutes, never the position.
      tokenCountLine({ at: read, windows: [{ usedPct: 61, minutes: 10080, resetsAt: weeklyReset }, { usedPct: 22, minutes: 300, resetsAt: fiveReset }], plan: "pro" }),
      // Written after it, but a credits marker with no windows: skipped.
      tokenCountLine({ at: new Date(now - minutes(5)), windows: [null, null], limitId: "premium", plan: null }),
    ].join("\n") + "\n");
    const { code, windows } = await quota();
    assert.equal(code, 0);
    const byName = new Map(windows.map((w) => [w.window, w]));
    assert.deepEqual([...byName.keys()].sort(), ["5h", "weekly"]);
    assert.deepEqual([byName.get("weekly")!.usedPct, byName.get("weekly")!.windowSeconds, byName.get("weekly")!.resetsAt], [61, 604_800, new Date(Math.floor(weeklyReset.getTime() / 1000) * 1000).toISOString()]);
    assert.deepEqual([byName.get("5h")!.usedPct, byName.get("5h")!.windowSeconds], [22, 18_000]);
    for (const w of windows) {
      assert.deepEqual([w.account, w.node, w.source, w.readingAt, w.stale, w.status], ["pro", "node-1", "sessions", read.toISOString(), undefined, "ok"]);
      assert.match(w.note ?? "", /plan pro/);
    }
  });

  it("takes the freshest reading among the account's nodes", async () => {
    const now = Date.now();
    putAgentFile(rig.node("node-2"), rolloutPath(new Date(now - minutes(3)), "b1"), tokenCountLine({
      at: new Date(now - minutes(2)), windows: [{ usedPct: 35, minutes: 300, resetsAt: new Date(now + minutes(90)) }, { usedPct: 64, minutes: 10080, resetsAt: new Date(now + minutes(60 * 29)) }],
    }) + "\n");
    const { windows } = await quota();
    assert.deepEqual(windows.map((w) => [w.window, w.usedPct, w.node]).sort(), [["5h", 35, "node-2"], ["weekly", 64, "node-2"]]);
  });

  it("calls a token_count line it cannot read unrecognised, naming the source and node, its raw text scrubbed", async () => {
    const now = Date.now();
    for (const n of ["node-1", "node-2"]) rmSync(join(rig.node(n).dir, "codex"), { recursive: true, force: true });
    putAgentFile(rig.node("node-1"), rolloutPath(new Date(now - minutes(3)), "c1"), JSON.stringify({
      timestamp: new Date(now - minutes(1)).toISOString(), type: "event_msg",
      payload: { type: "token_count", rate_limits: { primary: { percent: 50, account_id: "acct-77", email: "dev@example.com", token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl" }, secondary: null } },
    }) + "\n");
    const { code, windows, doc } = await quota();
    assert.equal(code, 1, "an account that could not be read is unhealthy");
    const [w, ...rest] = windows;
    assert.equal(rest.length, 0);
    assert.deepEqual([w!.window, w!.status, w!.errorKind], ["account", "error", "unrecognised"]);
    assert.match(w!.detail!, /^unrecognised reading from sessions on node-1: /);
    const text = JSON.stringify(doc);
    for (const secret of ["acct-77", "dev@example.com", "eyJhbGciOiJIUzI1NiJ9"]) assert.ok(!text.includes(secret), secret);
    assert.match((w as { raw?: string }).raw ?? "", /percent/);
  });

  it("says where it looked when a node has no Codex sessions at all", async () => {
    for (const n of ["node-1", "node-2"]) rmSync(join(rig.node(n).dir, "codex"), { recursive: true, force: true });
    const { windows } = await quota();
    assert.deepEqual(windows.map((w) => [w.window, w.errorKind]), [["account", "no_reading"]]);
    assert.match(windows[0]!.detail!, /node-1: no .*codex\/sessions .*; node-2: no .*codex\/sessions/);
  });
});
