// Rolling restarts on the rig: `restart daemon|watcher|service` over several nodes, --all or
// --tag, against real sshd nodes whose systemctl and sudo are the rig's stateful shims. Holding
// a unit's restart inside the shim shows what is in flight; nothing here waits a guessed time.
import assert from "node:assert/strict";
import { userInfo } from "node:os";
import { after, before, beforeEach, describe, it } from "node:test";
import { terminal } from "../../helpers/in-process-cli.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { waitUntil } from "../../helpers/wait-until.ts";
import { makeRestartFleet, type RestartFleet } from "./restart-fixture.ts";

const SERVICES = {
  "node-1": ["agent-daemon", "node-1-watcher", "gpu-exporter"],
  "node-2": ["agent-daemon", "node-2-watcher"],
  "node-3": ["agent-daemon", "node-3-watcher"],
  "node-4": ["agent-daemon", "node-4-watcher", "gpu-exporter"],
};
const TAGS = { "node-1": ["gpu"], "node-2": ["cpu"], "node-3": ["gpu"], "node-4": ["gpu", "eu"] };
const restarted = (unit: string) => [`systemctl is-active ${unit}`, `sudo -n systemctl restart ${unit}`, `systemctl restart ${unit}`, `systemctl is-active ${unit}`];
type Entry = { node: string; unit: string; status: string; after?: string; steps?: Array<{ code: number; stderr: string }> };
const statuses = (doc: { nodes: Entry[] }) => doc.nodes.map((e) => [e.node, e.unit, e.status]);

describe("oyster restart over several nodes (a roll)", () => {
  let rig: Rig;
  let fleet: RestartFleet;
  let seen: Record<string, number>;
  const newCalls = () => Object.fromEntries(Object.entries(fleet.calls()).map(([n, c]) => [n, c.slice(seen[n])]));
  const held = (unit: string) => rig.nodes.filter((n) => n.restartHeld(unit)).map((n) => n.name);

  before(async () => {
    rig = await startRig(4, { services: ["agent-daemon", "gpu-exporter", ...rig4Watchers()] });
    fleet = makeRestartFleet(rig, SERVICES, ["oyster-web"], TAGS);
  });
  after(async () => rig?.close());
  beforeEach(() => {
    seen = Object.fromEntries(Object.entries(fleet.calls()).map(([n, c]) => [n, c.length]));
  });

  /** Runs `args` with `order`'s restarts held, releasing them one by one once each is the only one in flight. */
  async function oneAtATime(args: string[], unitOf: (node: string) => string, order: string[]) {
    for (const n of order) rig.node(n).holdRestarts(unitOf(n), true);
    const run = fleet.cli(args);
    try {
      for (const [i, n] of order.entries()) {
        await waitUntil(() => rig.node(n).restartHeld(unitOf(n)), `${n}'s restart in flight`);
        assert.deepEqual(rig.nodes.filter((x) => x.restartHeld(unitOf(x.name))).map((x) => x.name), [n], `only ${n} restarting`);
        for (const later of order.slice(i + 1)) assert.deepEqual(newCalls()[later], [], `${later} not touched while ${n} restarts`);
        rig.node(n).holdRestarts(unitOf(n), false);
      }
    } finally {
      // Whatever failed above, the roll is let finish before the next test looks at the nodes.
      for (const n of order) rig.node(n).holdRestarts(unitOf(n), false);
      await run;
    }
    return run;
  }

  it("restart daemon --tag <tag> --yes restarts the tagged nodes' daemon, one at a time, and no other node's", async () => {
    const { code, doc } = await oneAtATime(["restart", "daemon", "--tag", "gpu", "--yes", "--json"], () => "agent-daemon", ["node-1", "node-3", "node-4"]);
    assert.equal(code, 0);
    assert.equal(doc.ok, true);
    assert.deepEqual(statuses(doc), [["node-1", "agent-daemon", "ok"], ["node-3", "agent-daemon", "ok"], ["node-4", "agent-daemon", "ok"]]);
    assert.deepEqual(doc.target, { kind: "daemon", tag: "gpu" });
    assert.deepEqual(newCalls(), { "node-1": restarted("agent-daemon"), "node-2": [], "node-3": restarted("agent-daemon"), "node-4": restarted("agent-daemon") });
  });

  it("with one tagged node's unit broken, the roll stops there and says which nodes it left untouched (exit 1, one audit row)", async () => {
    rig.node("node-3").markBroken("agent-daemon", true);
    try {
      const { code, doc } = await fleet.cli(["restart", "daemon", "--tag", "gpu", "--yes", "--json"]);
      assert.equal(code, 1);
      assert.equal(doc.ok, false);
      assert.deepEqual(statuses(doc), [["node-1", "agent-daemon", "ok"], ["node-3", "agent-daemon", "failed"], ["node-4", "agent-daemon", "untouched"]]);
      const failed = doc.nodes[1] as Entry;
      assert.equal(failed.after, "failed");
      assert.match(failed.steps![1]!.stderr, /Job for agent-daemon\.service failed/);
      assert.deepEqual([newCalls()["node-2"], newCalls()["node-4"]], [[], []], "no other node, and nothing after the failure");
      const text = await fleet.cli(["restart", "daemon", "--tag", "gpu", "--yes"]);
      assert.equal(text.code, 1);
      assert.equal(text.stdout.split("\n")[0], "restart agent-daemon (the agent daemon) on 3 nodes tagged gpu, one at a time: FAILED on node-3; the roll stopped there");
      assert.match(text.stdout, /\nnode-1: agent-daemon ok \(active -> active\)\nnode-3: agent-daemon FAILED \(failed -> failed\)\n  sudo -n systemctl restart 'agent-daemon' -> exit 1\n    stderr:\n      Job for agent-daemon\.service failed/);
      assert.match(text.stdout, /\nnode-4: agent-daemon untouched\ndone: node-1; failed: node-3; left untouched: node-4\n$/);
      assert.deepEqual(newCalls()["node-4"], []);
      const rows = (await fleet.auditRows()).slice(-2);
      assert.deepEqual(rows.map((r) => [r.who, r.args, r.decision, r.outcome]), Array(2).fill([`cli:${userInfo().username}`, { kind: "daemon", nodes: ["node-1", "node-3", "node-4"], tag: "gpu", parallel: 1 }, "confirmed", "failed"]));
    } finally {
      rig.node("node-3").markBroken("agent-daemon", false);
    }
    // Fixed, the unit comes back on a plain restart; later tests start from every unit active.
    assert.equal((await fleet.cli(["restart", "daemon", "node-3", "--yes"])).code, 0);
  });

  it("restarts several named nodes' own watchers, in the order named", async () => {
    const { code, doc } = await oneAtATime(["restart", "watcher", "node-4", "node-2", "--yes", "--json"], (n) => `${n}-watcher`, ["node-4", "node-2"]);
    assert.equal(code, 0);
    assert.deepEqual(statuses(doc), [["node-4", "node-4-watcher", "ok"], ["node-2", "node-2-watcher", "ok"]]);
    assert.deepEqual(newCalls(), { "node-1": [], "node-2": restarted("node-2-watcher"), "node-3": [], "node-4": restarted("node-4-watcher") });
  });

  it("--all restarts a service on every node in nodes.json", async () => {
    const { code, stdout } = await fleet.cli(["restart", "service", "--all", "agent-daemon", "--yes"]);
    assert.equal(code, 0);
    assert.equal(stdout, [
      "restart agent-daemon on all 4 nodes in nodes.json, one at a time: ok",
      ...["node-1", "node-2", "node-3", "node-4"].map((n) => `${n}: agent-daemon ok (active -> active)`),
      "done: node-1, node-2, node-3, node-4; failed: none; left untouched: none",
      "",
    ].join("\n"));
    for (const calls of Object.values(newCalls())) assert.deepEqual(calls, restarted("agent-daemon"));
  });

  it("refuses a unit that some nodes of the roll do not list, naming them, before anything runs (exit 2)", async () => {
    for (const words of [["--all", "gpu-exporter"], ["node-1", "node-2", "node-3", "gpu-exporter"], ["--tag", "gpu", "gpu-exporter"]]) {
      const { code, doc } = await fleet.cli(["restart", "service", ...words, "--yes", "--json"]);
      assert.equal(code, 2, words.join(" "));
      assert.equal(doc.error.code, "UnknownService");
      assert.match(doc.error.message, words[0] === "--tag" ? /^"gpu-exporter" is not in the services of node-3 \(nodes\.json\)/ : /^"gpu-exporter" is not in the services of node-2, node-3 \(nodes\.json\)/);
    }
    assert.deepEqual(newCalls(), { "node-1": [], "node-2": [], "node-3": [], "node-4": [] });
  });

  it("refuses a tag no node has, naming the known tags, and --parallel above the node count (exit 2), running nothing", async () => {
    const tag = await fleet.cli(["restart", "daemon", "--tag", "tpu", "--yes", "--json"]);
    assert.deepEqual([tag.code, tag.doc.error.code, tag.doc.error.message], [2, "InvalidArgument", 'no node has the tag "tpu" (tags in nodes.json: cpu, eu, gpu)']);
    const wide = await fleet.cli(["restart", "daemon", "--tag", "gpu", "--parallel", "4", "--yes", "--json"]);
    assert.deepEqual([wide.code, wide.doc.error.message], [2, "--parallel 4 is more than the 3 nodes in this roll"]);
    assert.deepEqual(newCalls(), { "node-1": [], "node-2": [], "node-3": [], "node-4": [] });
  });

  it("on a terminal shows one plan listing every node with its unit and command, and asks once", async () => {
    const no = terminal("n");
    assert.equal((await fleet.cli(["restart", "watcher", "--tag", "gpu"], no)).code, 3);
    const shown = no.shown();
    assert.match(shown, /restart each node's watcher on 3 nodes tagged gpu, one at a time, each checked with is-active; the first failure stops the roll/);
    for (const n of ["node-1", "node-3", "node-4"]) assert.match(shown, new RegExp(`  - on ${n}: sudo -n systemctl restart '${n}-watcher' \\(now active\\), then systemctl is-active '${n}-watcher'`));
    assert.equal(shown.split("Proceed?").length, 2, "one question for the whole roll");
    assert.deepEqual(newCalls(), { "node-1": ["systemctl is-active node-1-watcher"], "node-2": [], "node-3": ["systemctl is-active node-3-watcher"], "node-4": ["systemctl is-active node-4-watcher"] });
    const last = (await fleet.auditRows()).at(-1)!;
    assert.deepEqual([last.args, last.decision], [{ kind: "watcher", nodes: ["node-1", "node-3", "node-4"], tag: "gpu", parallel: 1 }, "cancelled"]);
  });

  it("one named node keeps today's result, with the same entry a roll gives under nodes", async () => {
    const { code, doc } = await fleet.cli(["restart", "daemon", "node-2", "--yes", "--json"]);
    assert.equal(code, 0);
    assert.deepEqual([doc.target, doc.before, doc.after, doc.ok, doc.steps.length], [{ kind: "daemon", node: "node-2", unit: "agent-daemon" }, "active", "active", true, 3]);
    assert.deepEqual(doc.nodes, [{ node: "node-2", unit: "agent-daemon", status: "ok", before: "active", after: "active", steps: doc.steps }]);
    assert.deepEqual(held("agent-daemon"), []);
  });
});

function rig4Watchers(): string[] {
  return ["node-1", "node-2", "node-3", "node-4"].map((n) => `${n}-watcher`);
}
