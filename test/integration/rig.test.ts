// Proves the test rig with the real OpenSSH client: if these pass, the faults other
// tests inject (stopped, hung, re-keyed, read-only, broken unit) are the real thing.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startRig, type Rig } from "../helpers/rig/index.ts";
import { keptSession, runSsh as ssh } from "../helpers/rig/ssh-client.ts";
import { waitUntil } from "../helpers/wait-until.ts";

/** pid and all descendants, as `ps` sees them now. */
function tree(pid: number): number[] {
  const all = [pid];
  for (let level = [pid]; level.length > 0; all.push(...level)) {
    const out = spawnSync("pgrep", ["-P", level.join(",")], { encoding: "utf8" }).stdout;
    level = out.split(/\s+/).filter(Boolean).map(Number);
  }
  return all;
}

// Gone, or a zombie waiting for whoever inherited it: either way no longer running.
function running(pid: number): boolean {
  const stat = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim();
  return stat !== "" && !stat.startsWith("Z");
}

describe("test rig: real sshd nodes on loopback", () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig(4);
  });
  after(async () => {
    await rig?.close();
  });

  it("every node answers `echo ok` with strict host key checking", async () => {
    const results = await Promise.all(rig.nodes.map((n) => ssh(rig, n.name, "echo ok")));
    for (const r of results) assert.deepEqual([r.code, r.stdout, r.stderr], [0, "ok\n", ""]);
  });

  it("sessions run as the rig user", async () => {
    const r = await ssh(rig, "node-1", "id -un");
    assert.equal(r.stdout.trim(), rig.user);
    if (process.getuid?.() === 0) assert.notEqual(rig.user, "root");
  });

  it("`command -v systemctl` and `sudo` resolve to the node's own shims", async () => {
    for (const node of [rig.node("node-1"), rig.node("node-2")]) {
      const r = await ssh(rig, node.name, "command -v systemctl; command -v sudo");
      assert.equal(r.stdout, `${node.binDir}/systemctl\n${node.binDir}/sudo\n`);
    }
  });

  it("systemctl restart then is-active prints active, and both calls are recorded", async () => {
    const node = rig.node("node-1");
    const r = await ssh(rig, node.name, "systemctl restart agent-daemon && systemctl is-active agent-daemon");
    assert.deepEqual([r.code, r.stdout], [0, "active\n"]);
    assert.deepEqual(node.calls().slice(-2), ["systemctl restart agent-daemon", "systemctl is-active agent-daemon"]);
    assert.equal(node.unitState("agent-daemon"), "active");
  });

  it("a unit marked broken fails restart (exit 1) and is-active prints failed until fixed and restarted", async () => {
    const node = rig.node("node-1");
    node.markBroken("agent-daemon", true);
    const restart = await ssh(rig, node.name, "systemctl restart agent-daemon");
    assert.equal(restart.code, 1);
    assert.match(restart.stderr, /agent-daemon\.service failed/);
    const active = await ssh(rig, node.name, "systemctl is-active agent-daemon");
    assert.deepEqual([active.code, active.stdout], [3, "failed\n"]);
    assert.equal(node.unitState("agent-daemon"), "failed");
    node.markBroken("agent-daemon", false);
    const fixed = await ssh(rig, node.name, "systemctl restart agent-daemon; systemctl is-active agent-daemon");
    assert.equal(fixed.stdout, "active\n");
  });

  it("unknown units: is-active prints inactive (exit 3), restart says not found (exit 5)", async () => {
    const r = await ssh(rig, "node-1", "systemctl is-active nope; echo rc=$?; systemctl restart nope; echo rc=$?");
    assert.equal(r.stdout, "inactive\nrc=3\nrc=5\n");
    assert.match(r.stderr, /Failed to restart nope\.service: Unit nope\.service not found\./);
  });

  it("`sudo -n systemctl restart` is recorded as the sudo call and the systemctl call", async () => {
    const node = rig.node("node-1");
    const r = await ssh(rig, node.name, "sudo -n systemctl restart agent-daemon");
    assert.equal(r.code, 0);
    assert.deepEqual(node.calls().slice(-2), [
      "sudo -n systemctl restart agent-daemon",
      "systemctl restart agent-daemon",
    ]);
  });

  it("stop() drops open sessions and refuses new connections (refused, not timed out); start() brings the node back", async () => {
    const node = rig.node("node-2");
    const kept = keptSession(rig, node.name);
    kept.child.stdin!.write("hello\n");
    await waitUntil(() => kept.output() === "hello\n", "kept session echo");
    await node.stop();
    await kept.closed; // the kept connection dropped with its session
    const refused = await ssh(rig, node.name, "echo ok");
    assert.equal(refused.code, 255);
    assert.match(refused.stderr, /Connection refused/);
    await node.start();
    assert.equal((await ssh(rig, node.name, "echo ok")).stdout, "ok\n");
  });

  it("hang() stalls open sessions and makes new ssh time out; resume() brings both back", async () => {
    const node = rig.node("node-3");
    const kept = keptSession(rig, node.name);
    kept.child.stdin!.write("a\n");
    await waitUntil(() => kept.output() === "a\n", "kept session echo");
    await node.hang();
    const timedOut = ssh(rig, node.name, "echo ok");
    kept.child.stdin!.write("b\n");
    const r = await timedOut;
    // The new connection waited out its whole ConnectTimeout: the kept session had that long to answer.
    assert.equal(kept.output(), "a\n", "a hung node must not answer on an open session");
    assert.equal(r.code, 255);
    assert.match(r.stderr, /timed out/i);
    assert.ok(r.ms >= 2500, `gave up after ${r.ms} ms, before ConnectTimeout`);
    await node.resume();
    await waitUntil(() => kept.output() === "a\nb\n", "stalled echo after resume");
    kept.child.stdin!.end();
    await kept.closed;
    assert.equal((await ssh(rig, node.name, "echo ok")).stdout, "ok\n");
  });

  it("rekey() changes the host key so strict ssh fails with a host key error", async () => {
    const node = rig.node("node-4");
    const before = node.hostKeyPublic;
    await node.rekey();
    assert.notEqual(node.hostKeyPublic, before);
    assert.match(node.hostKeyPublic, /^ssh-ed25519 AAAA\S+$/);
    const r = await ssh(rig, node.name, "echo ok");
    assert.equal(r.code, 255);
    assert.match(r.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  });

  it("setReadOnly(true) makes writing the dispatch dir fail for the node user; false allows it again", async () => {
    const node = rig.node("node-1");
    await node.setReadOnly(true);
    const denied = await ssh(rig, node.name, `touch ${node.dispatchDir}/x`);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /Permission denied/);
    await node.setReadOnly(false);
    const ok = await ssh(rig, node.name, `touch ${node.dispatchDir}/x && echo written`);
    assert.equal(ok.stdout, "written\n");
  });

  it("a hashed known_hosts still verifies the nodes", async () => {
    rig.hashKnownHosts();
    assert.ok(!existsSync(`${rig.knownHostsPath}.old`));
    const r = await ssh(rig, "node-1", "echo ok");
    assert.deepEqual([r.code, r.stdout], [0, "ok\n"]);
  });
});

describe("test rig: cleanup", () => {
  it("close() kills every sshd, hung ones and their open sessions included, and removes the dir", async () => {
    const rig = await startRig(2);
    const kept = keptSession(rig, "node-1");
    kept.child.stdin!.write("x\n");
    await waitUntil(() => kept.output() === "x\n", "kept session echo");
    const listener = Number(readFileSync(join(rig.node("node-1").dir, "sshd.pid"), "utf8"));
    const pids = tree(listener);
    assert.ok(pids.length >= 4, `listener, [priv], session and shell expected: ${pids.join(" ")}`);
    await rig.node("node-1").hang();
    await rig.close();
    await kept.closed;
    assert.deepEqual(pids.filter(running), []);
    const left = spawnSync("pgrep", ["-f", rig.dir], { encoding: "utf8" }).stdout.trim();
    assert.equal(left, "", `processes left behind: ${left}`);
    assert.ok(!existsSync(rig.dir));
  });
});
