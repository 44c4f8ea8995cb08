// `oyster install-daemon` against two real sshd nodes whose systemctl, sudo and journalctl are
// the rig's stateful shims, with systemd.unitDir pointed at each node's own unit dir: what is
// installed, in which order, what a second run leaves alone, and how a failed start is shown.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { makeInstallFleet, type InstallFleet } from "./install-fixture.ts";

const EXAMPLES = new URL("../../../config/systemd/", import.meta.url);
const example = (name: string) => readFileSync(new URL(`${name}.service.example`, EXAMPLES), "utf8");
const sudoCalls = (calls: string[]) => calls.filter((c) => c.startsWith("sudo "));
const unitsOf = (doc: any, node: string) => doc.nodes.find((n: { node: string }) => n.node === node).units;

describe("oyster install-daemon (two nodes)", () => {
  let rig: Rig;
  let fleet: InstallFleet;

  before(async () => {
    rig = await startRig(2, { services: [] });
    fleet = makeInstallFleet(rig);
  });
  after(async () => rig?.close());
  beforeEach(() => fleet.mark());

  it("installs both units on each node, then daemon-reload, enable and start in that order; records them in nodes.json", async () => {
    const { code, doc } = await fleet.cli(["install-daemon", "--all", "--yes", "--json"]);
    assert.equal(code, 0);
    assert.equal(doc.ok, true);
    for (const node of rig.nodes) {
      const watcher = `${node.name}-watcher`;
      assert.deepEqual(doc.nodes.find((n: { node: string }) => n.node === node.name).status, "changed");
      assert.deepEqual(unitsOf(doc, node.name).map((u: any) => [u.unit, u.file, u.done, u.activeAfter]), [
        ["agent-daemon", "new", ["installed", "enabled", "started"], "active"],
        [watcher, "new", ["installed", "enabled", "started"], "active"],
      ]);
      const sudo = sudoCalls(fleet.calls()[node.name]!);
      assert.equal(sudo.length, 7, sudo.join("\n"));
      assert.match(sudo[0]!, new RegExp(`^sudo -n install -m 0644 \\S+/\\.oyster-agent-daemon\\.[0-9a-f]+\\.tmp ${node.unitDir}/agent-daemon\\.service$`));
      assert.match(sudo[1]!, new RegExp(`^sudo -n install -m 0644 \\S+ ${node.unitDir}/${watcher}\\.service$`));
      assert.deepEqual(sudo.slice(2), [
        "sudo -n systemctl daemon-reload",
        "sudo -n systemctl enable agent-daemon",
        "sudo -n systemctl start agent-daemon",
        `sudo -n systemctl enable ${watcher}`,
        `sudo -n systemctl start ${watcher}`,
      ]);
      assert.equal(node.unitState("agent-daemon"), "active");
      assert.equal(node.unitState(watcher), "active");
      const unit = readFileSync(join(node.unitDir, `${watcher}.service`), "utf8");
      assert.match(unit, new RegExp(`^User=${rig.user}$`, "m"));
      assert.match(unit, new RegExp(`^ExecStart=/usr/bin/env python3 ${node.dispatchDir}/task-watcher.py --node ${node.name}$`, "m"));
      assert.equal(statSync(join(node.unitDir, `${watcher}.service`)).mode & 0o777, 0o644);
    }
    const nodes = JSON.parse(readFileSync(join(fleet.configDir, "nodes.json"), "utf8")).nodes;
    assert.deepEqual(nodes.map((n: { name: string; services: string[] }) => [n.name, n.services]), [
      ["node-1", ["agent-daemon", "node-1-watcher"]],
      ["node-2", ["agent-daemon", "node-2-watcher"]],
    ]);
    // The temp files were uploaded into the node user's home and are gone again.
    const home = execFileSync("sh", ["-c", `echo ~${rig.user}`], { encoding: "utf8" }).trim();
    assert.deepEqual(readdirSync(home).filter((f) => f.startsWith(".oyster-")), []);
  });

  it("a second run on healthy nodes sends nothing, reloads nothing, and says so per node", async () => {
    const { code, stdout } = await fleet.cli(["install-daemon", "--all", "--yes"]);
    assert.equal(code, 0);
    for (const [node, calls] of Object.entries(fleet.calls())) {
      assert.deepEqual(sudoCalls(calls), [], node);
      assert.ok(calls.every((c) => / is-(enabled|active) /.test(c)), calls.join("\n"));
    }
    assert.match(stdout, /node-1 nothing to change; node-2 nothing to change/);
    assert.match(stdout, /^node-1\s+agent-daemon\s+unchanged\s+nothing to do\s+active$/m);
  });

  it("--dry-run shows the diff of a changed template and the commands, and changes nothing", async () => {
    fleet.template("watcher", example("watcher").replace("RestartSec=5", "RestartSec=10"));
    const unitFile = join(rig.node("node-1").unitDir, "node-1-watcher.service");
    const before = readFileSync(unitFile, "utf8");
    const { code, stdout } = await fleet.cli(["install-daemon", "node-1", "--dry-run"]);
    assert.equal(code, 0);
    assert.match(stdout, /^ {4}-RestartSec=5$/m);
    assert.match(stdout, /^ {4}\+RestartSec=10$/m);
    assert.match(stdout, /^ {4}sudo -n systemctl daemon-reload$/m);
    assert.match(stdout, /^ {4}sudo -n systemctl restart 'node-1-watcher'$/m);
    assert.doesNotMatch(stdout, /systemctl restart 'agent-daemon'/);
    assert.match(stdout, /dry run: nothing was sent/);
    assert.equal(readFileSync(unitFile, "utf8"), before);
    assert.deepEqual(sudoCalls(fleet.calls()["node-1"]!), []);
    assert.deepEqual(fleet.calls()["node-2"], []);
  });

  it("a changed template reinstalls and restarts exactly the changed unit on every node", async () => {
    // The operator's watcher.service from the dry run above is still in place.
    const { code, doc } = await fleet.cli(["install-daemon", "--all", "--yes", "--json"]);
    assert.equal(code, 0);
    for (const node of rig.nodes) {
      const watcher = `${node.name}-watcher`;
      assert.deepEqual(unitsOf(doc, node.name).map((u: any) => [u.unit, u.file, u.done]), [
        ["agent-daemon", "same", []],
        [watcher, "changed", ["installed", "restarted"]],
      ]);
      const sudo = sudoCalls(fleet.calls()[node.name]!);
      assert.match(sudo[0]!, new RegExp(`^sudo -n install -m 0644 \\S+ ${node.unitDir}/${watcher}\\.service$`));
      assert.deepEqual(sudo.slice(1), ["sudo -n systemctl daemon-reload", `sudo -n systemctl restart ${watcher}`]);
      assert.match(readFileSync(join(node.unitDir, `${watcher}.service`), "utf8"), /^RestartSec=10$/m);
    }
    assert.equal(doc.templates.watcher, join(fleet.configDir, "systemd", "watcher.service"));
  });

  it("reports a unit that fails to start with its systemctl status and journal, exit 1; the other node is fine", async () => {
    const node1 = rig.node("node-1");
    node1.markBroken("agent-daemon", true);
    try {
      const { code, doc } = await fleet.cli(["install-daemon", "--all", "--yes", "--json"]);
      assert.equal(code, 1);
      assert.equal(doc.ok, false);
      const byNode = Object.fromEntries(doc.nodes.map((n: { node: string; status: string }) => [n.node, n.status]));
      assert.deepEqual(byNode, { "node-1": "failed", "node-2": "unchanged" });
      const daemon = unitsOf(doc, "node-1")[0];
      assert.equal(daemon.ok, false);
      assert.equal(daemon.activeBefore, "failed");
      assert.equal(daemon.activeAfter, "failed");
      assert.match(daemon.error, /^start failed: .*Job for agent-daemon\.service failed/);
      assert.match(daemon.status, /agent-daemon\.service - [^]*\n +Active: failed/);
      assert.match(daemon.journal, /Failed to start agent-daemon\.service\./);
      assert.ok(fleet.calls()["node-1"]!.includes("journalctl -u agent-daemon -n 20 --no-pager"));

      const text = await fleet.cli(["install-daemon", "node-1", "--yes"]);
      assert.equal(text.code, 1);
      assert.match(text.stdout, /^node-1\s+agent-daemon\s+unchanged\s+FAILED: start failed/m);
      assert.match(text.stdout, /node-1 agent-daemon: systemctl status \(last lines\):\n {4}× agent-daemon\.service/);
      assert.match(text.stdout, /node-1 agent-daemon: journal \(last lines\):\n(.*\n)* {4}.*Failed to start agent-daemon\.service\./);
    } finally {
      node1.markBroken("agent-daemon", false);
    }
    // Fixed: the next run starts it, and it stays up.
    const { code } = await fleet.cli(["install-daemon", "node-1", "--yes"]);
    assert.equal(code, 0);
    assert.equal(node1.unitState("agent-daemon"), "active");
  });
});
