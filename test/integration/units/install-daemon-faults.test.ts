// `oyster install-daemon` when something is wrong before or during the run: bad templates and
// names are refused before anything reaches a node, a down node does not hold up the other,
// and the confirmation and audit rules of state-changing commands hold.
import assert from "node:assert/strict";
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { terminal } from "../../helpers/in-process-cli.ts";
import { exitOf, spawnTsx, waitForOutput } from "../../helpers/spawn-tsx.ts";
import { makeInstallFleet, type InstallFleet } from "./install-fixture.ts";

const nothingSent = (fleet: InstallFleet) => assert.deepEqual(fleet.calls(), { "node-1": [], "node-2": [] });

describe("oyster install-daemon (refusals and faults)", () => {
  let rig: Rig;
  let fleet: InstallFleet;

  before(async () => {
    rig = await startRig(2, { services: [] });
    fleet = makeInstallFleet(rig);
  });
  after(async () => rig?.close());
  beforeEach(() => fleet.mark());

  it("an unknown placeholder is a config error naming the file and line, exit 2, and nothing is sent", async () => {
    fleet.template("agent-daemon", "[Unit]\nDescription=agent on {node}\n\n[Service]\nUser={usr}\nExecStart=/bin/true ${HOME} {dispatchDir}\n");
    try {
      const { code, stderr } = await fleet.cli(["install-daemon", "--all", "--yes"]);
      assert.equal(code, 2);
      const file = join(fleet.configDir, "systemd", "agent-daemon.service");
      assert.match(stderr, new RegExp(`${file}: line 5: unknown placeholder \\{usr\\} \\(known: \\{dispatchDir\\} \\{home\\} \\{node\\} \\{user\\}\\)`));
      const json = await fleet.cli(["install-daemon", "node-1", "--dry-run", "--json"]);
      assert.equal(json.code, 2);
      assert.equal(json.doc.error.code, "ConfigError");
      nothingSent(fleet);
    } finally {
      fleet.template("agent-daemon", readFileSync(new URL("../../../config/systemd/agent-daemon.service.example", import.meta.url), "utf8"));
    }
  });

  it("refuses unknown or malformed node names, and neither or both of names and --all, before anything runs", async () => {
    for (const args of [["nope"], ["x;id"], [], ["node-1", "--all"]]) {
      const { code, doc } = await fleet.cli(["install-daemon", ...args, "--yes", "--json"]);
      assert.equal(code, 2, args.join(" "));
      assert.equal(doc.ok, false);
    }
    nothingSent(fleet);
  });

  it("without a terminal and without --yes it refuses (exit 3) and sends nothing but the plan's reads", async () => {
    const { code } = await fleet.cli(["install-daemon", "node-1"]);
    assert.equal(code, 3);
    assert.ok(fleet.calls()["node-1"]!.every((c) => !c.startsWith("sudo ")));
  });

  it("shows the plan on a terminal, installs once confirmed, and audits it", async () => {
    const tty = terminal("y");
    const { code } = await fleet.cli(["install-daemon", "node-1"], tty);
    assert.equal(code, 0);
    assert.match(tty.shown(), /install the agent-daemon and watcher units on 1 node/);
    assert.match(tty.shown(), /node-1: agent-daemon \(new\), node-1-watcher \(new\)/);
    assert.match(tty.shown(), /sudo -n systemctl start 'node-1-watcher'/);
    assert.equal(rig.node("node-1").unitState("node-1-watcher"), "active");
    const { doc } = await fleet.cli(["audit", "--json"]);
    const rows = doc.entries.filter((e: { command: string }) => e.command === "install-daemon");
    // The refusal without a terminal above is on record too.
    assert.ok(rows.some((r: { decision: string }) => r.decision === "refused"), JSON.stringify(rows));
    assert.equal(rows.at(-1).decision, "confirmed");
    assert.equal(rows.at(-1).outcome, "ok");
  });

  it("a down node is reported failed while the other node installs, exit 1; only the installed node's services are recorded", async () => {
    const node2 = rig.node("node-2");
    await node2.stop();
    try {
      const { code, doc } = await fleet.cli(["install-daemon", "--all", "--yes", "--json"]);
      assert.equal(code, 1);
      const n2 = doc.nodes.find((n: { node: string }) => n.node === "node-2");
      assert.equal(n2.status, "failed");
      assert.match(n2.error.code, /^Ssh/);
      assert.equal(doc.nodes.find((n: { node: string }) => n.node === "node-1").status, "unchanged");
      const nodes = JSON.parse(readFileSync(join(fleet.configDir, "nodes.json"), "utf8")).nodes;
      assert.deepEqual(nodes.map((n: { services: string[] }) => n.services), [["agent-daemon", "node-1-watcher"], []]);
    } finally {
      await node2.start();
    }
  });

  it("writes nodes.json through its symlink, keeps its mode and the previous file as nodes.json.bak", async () => {
    const real = join(fleet.configDir, "..", "shared");
    mkdirSync(real);
    const link = join(fleet.configDir, "nodes.json");
    renameSync(link, join(real, "nodes.json"));
    symlinkSync(join(real, "nodes.json"), link);
    chmodSync(join(real, "nodes.json"), 0o640);
    const before = readFileSync(join(real, "nodes.json"), "utf8");
    const { code, doc } = await fleet.cli(["install-daemon", "node-2", "--yes", "--json"]);
    assert.equal(code, 0);
    assert.deepEqual(doc.nodes[0].servicesAdded, ["agent-daemon", "node-2-watcher"]);
    assert.deepEqual(doc.nodesFile, { path: join(real, "nodes.json"), backup: join(real, "nodes.json.bak") });
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(statSync(join(real, "nodes.json")).mode & 0o777, 0o640);
    assert.equal(readFileSync(join(real, "nodes.json.bak"), "utf8"), before);
    const nodes = JSON.parse(readFileSync(link, "utf8")).nodes;
    assert.deepEqual(nodes.map((n: { services: string[] }) => n.services), [["agent-daemon", "node-1-watcher"], ["agent-daemon", "node-2-watcher"]]);
  });

  it("records no services while another process holds the nodes-file lock: busy after a short wait, exit 1, nodes.json untouched", async () => {
    const file = join(fleet.configDir, "nodes.json");
    writeFileSync(file, `${JSON.stringify({ nodes: rig.nodes.map((n) => ({ name: n.name, dispatchDir: n.dispatchDir })) }, null, 2)}\n`);
    const before = readFileSync(file, "utf8");
    const child = spawnTsx("test/helpers/fixtures/hold-lock.ts", [fleet.dataDir, "nodes-file", "forever"]);
    try {
      await waitForOutput(child, "held");
      const { code, doc } = await fleet.cli(["install-daemon", "node-1", "--yes", "--json"]);
      assert.equal(code, 1);
      assert.equal(doc.nodes[0].status, "unchanged", "the units themselves are in place");
      assert.match(doc.servicesError, /^Busy: busy: nodes-file is held by fixture/);
      assert.equal(readFileSync(file, "utf8"), before);
    } finally {
      child.kill("SIGKILL");
      await exitOf(child);
    }
  });
});
