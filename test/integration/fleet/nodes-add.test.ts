// `oyster nodes add` against real sshd nodes: rig node-3 stands in for a machine that is not in
// the fleet yet (not in nodes.json, its key not in known_hosts). The key is learned from Oyster's
// own dial, trusted only when checked, and proven by a login before it is written.
import assert from "node:assert/strict";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { inProcessCli, terminal } from "../../helpers/in-process-cli.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { freePorts } from "../../helpers/rig/free-ports.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { CORE } from "../sync/sync-fixture.ts";
import { controller, fingerprintOfNode } from "./fleet-controller.ts";

describe("oyster nodes add", () => {
  let rig: Rig;
  before(async () => (rig = await startRig(3)));
  after(async () => rig?.close());

  const keyLine = (node: string) => `[127.0.0.1]:${rig.node(node).port} ${rig.node(node).hostKeyPublic}`;

  it("with --fingerprint: nodes.json has it, known_hosts has its key, its dispatch dir holds the core files, status lists it", async () => {
    const c = controller(rig, ["node-1", "node-2"]);
    const dispatchDir = join(rig.node("node-3").dispatchDir, "added");
    const r = await runOyster(["nodes", "add", "node-3", "--dispatch-dir", dispatchDir, "--tags", "arm", "--fingerprint", fingerprintOfNode(rig, "node-3"), "--yes", "--json"], c.fleet.env);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc.steps.map((s: { step: string; status: string }) => [s.step, s.status]), [["host-key", "ok"], ["nodes.json", "ok"], ["sync", "ok"], ["first-check", "ok"]], JSON.stringify(doc.steps));
    assert.deepEqual(doc.hostKey, { token: `[127.0.0.1]:${rig.node("node-3").port}`, keyType: "ssh-ed25519", fingerprint: fingerprintOfNode(rig, "node-3"), trust: "new" });

    // Only the fields given went into nodes.json; the address came from the SSH config.
    const written = JSON.parse(readFileSync(c.nodesFile, "utf8")).nodes;
    assert.deepEqual(written.at(-1), { name: "node-3", dispatchDir, tags: ["arm"] });
    assert.ok(existsSync(`${c.nodesFile}.bak`), "the previous nodes.json is kept");
    assert.ok(readFileSync(c.knownHostsFile, "utf8").split("\n").includes(keyLine("node-3")), "exactly the key it presented is in known_hosts");
    for (const f of CORE) assert.equal(readFileSync(join(dispatchDir, f), "utf8"), readFileSync(join(c.fleet.dispatchDir, f), "utf8"), `${f} on the new node`);
    // The guardian's first look covers the node's own checks, detect only.
    assert.ok(doc.firstCheck.some((f: { check: string; status: string }) => f.check === "node_availability" && f.status === "passed"), JSON.stringify(doc.firstCheck));

    const status = await runOyster(["status", "--json"], c.fleet.env);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout).nodes.map((n: { name: string; reachable: boolean }) => [n.name, n.reachable]), [["node-1", true], ["node-2", true], ["node-3", true]]);
  });

  it("under strict, --yes without --fingerprint is exit 3 and writes nothing", async () => {
    const c = controller(rig, ["node-1"]);
    const before = c.snapshot();
    const r = await runOyster(["nodes", "add", "node-3", "--dispatch-dir", join(rig.node("node-3").dispatchDir, "unchecked"), "--yes"], c.fleet.env);
    assert.equal(r.code, 3, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, /strict; with --yes and no --fingerprint nothing was checked, so nothing was written/);
    // What it saw is named, for the person who will check it on the console.
    assert.ok(r.stderr.includes(fingerprintOfNode(rig, "node-3")), r.stderr);
    assert.equal(c.snapshot(), before);
    assert.equal(existsSync(join(rig.node("node-3").dispatchDir, "unchecked")), false);
  });

  it("refuses a --fingerprint the node does not present: exit 1, nothing written", async () => {
    const c = controller(rig, ["node-1"]);
    const before = c.snapshot();
    const r = await runOyster(["nodes", "add", "node-3", "--fingerprint", fingerprintOfNode(rig, "node-1"), "--yes"], c.fleet.env);
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stderr, new RegExp(`presented ssh-ed25519 ${fingerprintOfNode(rig, "node-3").replace(/[+/]/g, "\\$&")}, not the expected ${fingerprintOfNode(rig, "node-1").replace(/[+/]/g, "\\$&")} \\(--fingerprint\\): refused, nothing written`));
    assert.equal(c.snapshot(), before);
  });

  it("on a terminal shows the key's fingerprint in the plan, and y trusts exactly that key (the audit records it)", async () => {
    const c = controller(rig, ["node-1"]);
    const oyster = inProcessCli(c.fleet.env);
    const tty = terminal("y");
    const dispatchDir = join(rig.node("node-3").dispatchDir, "confirmed");
    const r = await oyster(["nodes", "add", "node-3", "--dispatch-dir", dispatchDir, "--json"], tty);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const fp = fingerprintOfNode(rig, "node-3");
    assert.match(tty.shown(), new RegExp(`add node-3 \\(${rig.user}@127\\.0\\.0\\.1:${rig.node("node-3").port} \\(host, port, user from ssh config\\)\\) to the fleet`));
    assert.ok(tty.shown().includes(`presents ssh-ed25519 ${fp}, NOT in known_hosts: confirming trusts exactly this key`), tty.shown());
    assert.ok(readFileSync(c.knownHostsFile, "utf8").includes(keyLine("node-3")));
    assert.deepEqual(c.names(), ["node-1", "node-3"]);

    const db = new Database(join(c.fleet.dataDir, "state.db"), { readonly: true });
    const rows = db.prepare("SELECT command, args, decision, outcome FROM audit ORDER BY id").all() as Array<{ command: string; args: string; decision: string; outcome: string }>;
    db.close();
    const add = rows.find((row) => row.command === "nodes")!;
    assert.deepEqual([add.decision, add.outcome, JSON.parse(add.args).fingerprint], ["confirmed", "ok", fp], "the run is bound to the fingerprint the plan showed");
    const trust = rows.find((row) => row.command === "known-hosts")!;
    assert.deepEqual(JSON.parse(trust.args), { action: "nodes add", node: "node-3", host: `[127.0.0.1]:${rig.node("node-3").port}`, keyType: "ssh-ed25519", fingerprint: fp });
  });

  it("refuses a name that is already in nodes.json, and an invalid one, with exit 2 before dialling", async () => {
    const c = controller(rig, ["node-1"]);
    const before = c.snapshot();
    const oyster = inProcessCli(c.fleet.env);
    const taken = await oyster(["nodes", "add", "node-1", "--yes"]);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /node "node-1" is already in nodes\.json; not added again/);
    const bad = await oyster(["nodes", "add", "no/slash", "--yes"]);
    assert.equal(bad.code, 2);
    assert.equal(c.snapshot(), before);
  });

  it("refuses a host that has a different key on record, or where nothing answers: exit 1, nothing written", async () => {
    // A key to log in with for a name the SSH config does not know: then only the address fails.
    const c = controller(rig, ["node-1"], { ssh: { identityFile: rig.clientKeyPath } });
    writeFileSync(c.knownHostsFile, `${readFileSync(c.knownHostsFile, "utf8")}[127.0.0.1]:${rig.node("node-3").port} ${rig.node("node-2").hostKeyPublic}\n`);
    const before = c.snapshot();
    const oyster = inProcessCli(c.fleet.env);
    const changed = await oyster(["nodes", "add", "node-3", "--fingerprint", fingerprintOfNode(rig, "node-3"), "--yes", "--json"]);
    assert.deepEqual([changed.code, changed.doc.error.code], [1, "HostKeyMismatch"]);
    assert.match(changed.doc.error.message, /a DIFFERENT host key is on record for \[127\.0\.0\.1\]:\d+ .*Not added, nothing written\. If the node's console shows that fingerprint, replace the old line with it: ssh-keygen -R /);
    const [port] = await freePorts(1);
    const nobody = await oyster(["nodes", "add", "ghost", "--host", "127.0.0.1", "--port", String(port), "--yes", "--json"]);
    assert.deepEqual([nobody.code, nobody.doc.error.code], [1, "SshUnreachable"]);
    assert.equal(c.snapshot(), before);
  });

  it("under accept-new, --yes alone adds the node and the completed login records its key", async () => {
    const c = controller(rig, ["node-1"], { ssh: { hostKeyPolicy: "accept-new" } });
    const dispatchDir = join(rig.node("node-3").dispatchDir, "accept-new");
    const r = await inProcessCli(c.fleet.env)(["nodes", "add", "node-3", "--dispatch-dir", dispatchDir, "--yes", "--json"]);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.ok(readFileSync(c.knownHostsFile, "utf8").includes(keyLine("node-3")));
    assert.ok(statSync(join(dispatchDir, "dispatch.py")).isFile());
  });
});
