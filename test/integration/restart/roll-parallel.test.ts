// `restart ... --parallel N` on the rig: restarts held inside the systemctl shim until the test
// releases them, so how many are in flight is read off the nodes, not guessed from timing.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { makeRestartFleet, type RestartFleet } from "./restart-fixture.ts";

const NODES = ["node-1", "node-2", "node-3", "node-4"];
const UNIT = "agent-daemon";

describe("oyster restart --parallel", () => {
  let rig: Rig;
  let fleet: RestartFleet;
  let seen: Record<string, number>;
  const newCalls = () => Object.fromEntries(Object.entries(fleet.calls()).map(([n, c]) => [n, c.slice(seen[n])]));
  const held = () => rig.nodes.filter((n) => n.restartHeld(UNIT)).map((n) => n.name);
  const hold = (nodes: string[], on: boolean) => nodes.forEach((n) => rig.node(n).holdRestarts(UNIT, on));

  before(async () => {
    rig = await startRig(4, { services: [UNIT] });
    fleet = makeRestartFleet(rig, Object.fromEntries(NODES.map((n) => [n, [UNIT]])), []);
  });
  after(async () => rig?.close());
  beforeEach(() => {
    seen = Object.fromEntries(Object.entries(fleet.calls()).map(([n, c]) => [n, c.length]));
  });

  it("--parallel 2 restarts at most two nodes at once, starting the next only as one finishes", async () => {
    hold(NODES, true);
    const run = fleet.cli(["restart", "daemon", "--all", "--parallel", "2", "--yes", "--json"]);
    try {
      await waitUntil(() => held().length >= 2, "two restarts in flight");
      assert.deepEqual(held(), ["node-1", "node-2"]);
      assert.deepEqual([newCalls()["node-3"], newCalls()["node-4"]], [[], []], "the third and fourth wait for a free place");
      hold(["node-2"], false);
      await waitUntil(() => rig.node("node-3").restartHeld(UNIT), "node-3 started once node-2 finished");
      assert.deepEqual(held(), ["node-1", "node-3"]);
      assert.deepEqual(newCalls()["node-4"], []);
      hold(["node-1"], false);
      await waitUntil(() => rig.node("node-4").restartHeld(UNIT), "node-4 started once node-1 finished");
      assert.deepEqual(held(), ["node-3", "node-4"]);
    } finally {
      hold(NODES, false);
    }
    const { code, doc } = await run;
    assert.equal(code, 0);
    assert.deepEqual(doc.nodes.map((e: { node: string; status: string }) => [e.node, e.status]), NODES.map((n) => [n, "ok"]));
    assert.equal(doc.parallel, 2);
  });

  it("a failure with --parallel 2 lets the node already restarting beside it finish, and starts no new one", async () => {
    hold(["node-1"], true);
    rig.node("node-2").markBroken(UNIT, true);
    const run = fleet.cli(["restart", "daemon", "node-1", "node-2", "node-3", "node-4", "--parallel", "2", "--yes", "--json"]);
    try {
      // node-2's restart failed and was read back (its second is-active) while node-1's is held.
      await waitUntil(() => rig.node("node-1").restartHeld(UNIT) && newCalls()["node-2"]!.length === 4, "node-2 failed while node-1 restarts");
    } finally {
      hold(["node-1"], false);
      rig.node("node-2").markBroken(UNIT, false);
    }
    const { code, doc } = await run;
    assert.equal(code, 1);
    assert.deepEqual(doc.nodes.map((e: { node: string; status: string; after?: string }) => [e.node, e.status, e.after]), [
      ["node-1", "ok", "active"],
      ["node-2", "failed", "failed"],
      ["node-3", "untouched", undefined],
      ["node-4", "untouched", undefined],
    ]);
    assert.deepEqual([newCalls()["node-3"], newCalls()["node-4"]], [[], []]);
  });
});
