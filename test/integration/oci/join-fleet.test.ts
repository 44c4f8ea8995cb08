// joinFleet against real sshd nodes: a rig node stands in for the freshly launched instance.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { joinFleet, type JoinFleetResult } from "../../../src/oci/join-fleet.ts";
import { fingerprintOf } from "../../../src/ssh/fingerprint.ts";
import { createSshPool, type SshPool } from "../../../src/ssh/index.ts";
import { openStore } from "../../../src/store/index.ts";
import { makeSyncFleet, CORE, type SyncFleet } from "../sync/sync-fixture.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { freePorts } from "../../helpers/rig/free-ports.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const { log } = memoryLogger("silent");
const statuses = (r: JoinFleetResult) => r.steps.map((s) => [s.step, s.status]);

describe("joinFleet", () => {
  let rig: Rig;
  const pools: SshPool[] = [];
  before(async () => (rig = await startRig(2)));
  after(async () => {
    await Promise.all(pools.map((p) => p.close()));
    await rig?.close();
  });

  /**
   * A controller whose fleet is node-1 only, with its own known_hosts (empty: the new node is
   * unknown) and the rig's client key as ssh.identityFile, so a node added by address logs in.
   */
  function controller(ssh: Record<string, unknown>, knownHostsName = "known_hosts") {
    const knownHostsFile = join(tmpDir(), knownHostsName);
    writeFileSync(knownHostsFile, `[127.0.0.1]:${rig.node("node-1").port} ${rig.node("node-1").hostKeyPublic}\n`);
    const fleet: SyncFleet = makeSyncFleet(rig, { ssh: { identityFile: rig.clientKeyPath, knownHostsFile, ...ssh } });
    writeFileSync(join(fleet.configDir, "nodes.json"), `${JSON.stringify({ nodes: [{ name: "node-1", dispatchDir: rig.node("node-1").dispatchDir }] }, null, 2)}\n`);
    const config = loadConfig({ dir: fleet.configDir, env: fleet.env }).config;
    const pool = createSshPool(config, log, fleet.env);
    pools.push(pool);
    const deps = { config, ssh: pool, log, env: fleet.env, dataDir: fleet.dataDir, pollMs: 50, waitForSshMs: 10_000 };
    return { fleet, config, pool, deps, knownHostsFile };
  }

  it("adds the new node to nodes.json, logs in, records its key under accept-new and syncs the core files to it", async () => {
    const c = controller({ hostKeyPolicy: "accept-new" });
    const store = openStore(c.fleet.dataDir);
    const node2 = rig.node("node-2");
    // A dispatch dir the fresh "instance" does not have yet.
    const dispatchDir = join(node2.dispatchDir, "joined");
    const input = { name: "oyster-arm-1", host: "127.0.0.1", port: node2.port, user: rig.user, dispatchDir };
    let r: JoinFleetResult;
    try {
      r = await joinFleet({ ...c.deps, store }, input);
      assert.equal(store.jobRuns.last("sync")?.owner, "oci-grab", "the sync ran under the shared sync lock, recorded");
      // A bot restart mid-join runs it again: the entry is there already, and the rest goes on.
      const nodesBefore = readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8");
      const again = await joinFleet({ ...c.deps, store }, input);
      assert.deepEqual(statuses(again), [["nodes.json", "ok"], ["ssh", "ok"], ["host-key", "ok"], ["sync", "ok"]], JSON.stringify(again.steps));
      assert.match(again.steps[0]!.detail, /already in nodes\.json .*resumed/);
      assert.equal(readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8"), nodesBefore);
    } finally {
      store.close();
    }
    assert.deepEqual(statuses(r), [["nodes.json", "ok"], ["ssh", "ok"], ["host-key", "ok"], ["sync", "ok"]], JSON.stringify(r.steps));
    assert.equal(r.ok, true);
    assert.equal(r.keyscan, undefined);

    const written = JSON.parse(readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8"));
    assert.deepEqual(written.nodes.map((n: { name: string }) => n.name), ["node-1", "oyster-arm-1"]);
    assert.deepEqual(written.nodes[1], { name: "oyster-arm-1", host: "127.0.0.1", port: node2.port, user: rig.user, dispatchDir });
    assert.ok(c.config.nodes.some((n) => n.name === "oyster-arm-1"), "this process's fleet has it");
    assert.match(r.steps[0]!.detail, /^added oyster-arm-1 \(.+@127\.0\.0\.1:\d+\) to .*nodes\.json; previous copy in nodes\.json\.bak$/);
    assert.match(r.steps[1]!.detail, new RegExp(`^logged in as ${rig.user} on 127\\.0\\.0\\.1:${node2.port} after \\d+ s$`));

    const fingerprint = fingerprintOf(Buffer.from(node2.hostKeyPublic.split(" ")[1]!, "base64"));
    assert.match(r.steps[2]!.detail, new RegExp(`^recorded ssh-ed25519 ${fingerprint.replace(/[+/]/g, "\\$&")} for \\[127\\.0\\.0\\.1\\]:${node2.port} .*\\(accept-new\\)$`));
    assert.ok(readFileSync(c.knownHostsFile, "utf8").includes(`[127.0.0.1]:${node2.port} ${node2.hostKeyPublic}`));

    assert.equal(r.steps[3]!.detail, `created ${dispatchDir}; copied ${CORE.join(", ")}; 0 already current`);
    for (const f of CORE) {
      const mine = join(c.fleet.dispatchDir, f);
      assert.equal(readFileSync(join(dispatchDir, f), "utf8"), readFileSync(mine, "utf8"), `${f} content on the node`);
      assert.equal(statSync(join(dispatchDir, f)).mode & 0o777, statSync(mine).mode & 0o777, `${f} mode on the node`);
    }
  });

  it("writes nodes.json only under the nodes-file lock: while another writer holds it, waits, then fails busy and writes nothing", async () => {
    const c = controller({ hostKeyPolicy: "accept-new" });
    const store = openStore(c.fleet.dataDir);
    const other = openStore(c.fleet.dataDir);
    const held = await other.lock("nodes-file", { label: "cli:someone" });
    const before = readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8");
    try {
      const r = await joinFleet({ ...c.deps, store, nodesFileWaitMs: 300 }, { name: "oyster-arm-1", host: "127.0.0.1", port: rig.node("node-2").port, user: rig.user });
      assert.deepEqual(statuses(r), [["nodes.json", "failed"], ["ssh", "skipped"], ["host-key", "skipped"], ["sync", "skipped"]]);
      assert.match(r.steps[0]!.detail, /^busy: nodes-file is held by cli:someone .*nodes\.json left unchanged/);
      assert.equal(readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8"), before);
    } finally {
      held.release();
      store.close();
      other.close();
    }
  });

  it("refuses a name already in the fleet and tries nothing else", async () => {
    const c = controller({ hostKeyPolicy: "accept-new" });
    const before = readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8");
    const r = await joinFleet(c.deps, { name: "node-1", host: "127.0.0.1", port: rig.node("node-2").port, user: rig.user });
    assert.deepEqual(statuses(r), [["nodes.json", "failed"], ["ssh", "skipped"], ["host-key", "skipped"], ["sync", "skipped"]]);
    assert.equal(r.ok, false);
    assert.match(r.steps[0]!.detail, /"node-1" is already in nodes\.json/);
    assert.equal(readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8"), before);
  });

  /** OpenSSH's own reading of the entry for a host in a known_hosts file: `SHA256:...`. */
  const recordedFingerprint = (file: string, token: string) =>
    execFileSync("ssh-keygen", ["-l", "-F", token, "-f", file], { encoding: "utf8" }).split("\n").find((l) => !l.startsWith("#") && l.trim())!.split(" ")[2]!;
  const node2Fingerprint = () => fingerprintOf(Buffer.from(rig.node("node-2").hostKeyPublic.split(" ")[1]!, "base64"));

  it("under the strict policy never accepts the unknown key: shows the fingerprint it saw and the command that adds exactly that key", async () => {
    // A path a shell would split or unquote: the printed command must still append to it.
    const c = controller({ hostKeyPolicy: "strict" }, "it's known hosts");
    const node2 = rig.node("node-2");
    const token = `[127.0.0.1]:${node2.port}`;
    const knownBefore = readFileSync(c.knownHostsFile, "utf8");
    const r = await joinFleet(c.deps, { name: "oyster-arm-1", host: "127.0.0.1", port: node2.port, user: rig.user, dispatchDir: join(node2.dispatchDir, "strict") });
    assert.deepEqual(statuses(r), [["nodes.json", "ok"], ["ssh", "ok"], ["host-key", "failed"], ["sync", "skipped"]], JSON.stringify(r.steps));
    assert.equal(r.ok, false);
    assert.equal(readFileSync(c.knownHostsFile, "utf8"), knownBefore, "nothing accepted into known_hosts");
    assert.throws(() => statSync(join(node2.dispatchDir, "strict")), { code: "ENOENT" });

    // One read of the key, Oyster's own: no ssh-keyscan to run twice.
    const detail = r.steps[2]!.detail;
    assert.doesNotMatch(`${detail} ${r.keyscan}`, /ssh-keyscan/);
    assert.match(detail, /is not in .*known hosts and ssh\.hostKeyPolicy is strict: not accepted\. The instance presented ssh-ed25519 SHA256:\S+; compare it with the fingerprint on the instance's console/);
    assert.ok(detail.includes(`ssh-ed25519 ${node2Fingerprint()};`), detail);
    assert.equal(r.keyscan, `printf '%s\\n' '${token} ${node2.hostKeyPublic}' >> '${c.knownHostsFile.replace(/'/g, `'\\''`)}'`);
    assert.ok(detail.endsWith(r.keyscan!));

    // Pasted into a shell, it appends exactly the key whose fingerprint was shown, and strict logs in.
    execFileSync("/bin/sh", ["-c", r.keyscan!]);
    assert.equal(readFileSync(c.knownHostsFile, "utf8"), `${knownBefore}${token} ${node2.hostKeyPublic}\n`);
    assert.equal(recordedFingerprint(c.knownHostsFile, token), node2Fingerprint());
    assert.equal((await c.pool.exec("oyster-arm-1", "echo in")).stdout, "in\n");
  });

  it("a different key on record (a reused address): refused, with the key seen and a command that replaces the old line with it", async () => {
    const c = controller({ hostKeyPolicy: "strict" });
    const node2 = rig.node("node-2");
    const token = `[127.0.0.1]:${node2.port}`;
    const stale = `${token} ${rig.node("node-1").hostKeyPublic}`;
    writeFileSync(c.knownHostsFile, `${readFileSync(c.knownHostsFile, "utf8")}${stale}\n`);
    const r = await joinFleet(c.deps, { name: "oyster-arm-1", host: "127.0.0.1", port: node2.port, user: rig.user });
    assert.deepEqual(statuses(r), [["nodes.json", "ok"], ["ssh", "ok"], ["host-key", "failed"], ["sync", "skipped"]], JSON.stringify(r.steps));
    assert.match(r.steps[2]!.detail, /^a DIFFERENT host key is on record for \[127\.0\.0\.1\]:\d+ .*: refused\. The instance presented ssh-ed25519 SHA256:\S+; if the instance's console shows that fingerprint, replace the old line with it: /);
    assert.ok(r.steps[2]!.detail.includes(node2Fingerprint()));
    assert.equal(r.keyscan, `ssh-keygen -R '${token}' -f '${c.knownHostsFile}' && printf '%s\\n' '${token} ${node2.hostKeyPublic}' >> '${c.knownHostsFile}'`);

    execFileSync("/bin/sh", ["-c", r.keyscan!], { stdio: "ignore" });
    assert.ok(!readFileSync(c.knownHostsFile, "utf8").includes(stale), "the old line is gone");
    assert.equal(recordedFingerprint(c.knownHostsFile, token), node2Fingerprint());
    assert.equal((await c.pool.exec("oyster-arm-1", "echo in")).stdout, "in\n");
  });

  it("refuses an address that is not an IP address before anything is written or dialled, without echoing it", async () => {
    const c = controller({ hostKeyPolicy: "accept-new" });
    const before = readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8");
    for (const host of ["node.example.com", "192.0.2.1; touch /tmp/oyster-pwned", "$(id)", "192.0.2.1\n"]) {
      const r = await joinFleet(c.deps, { name: "oyster-arm-1", host, user: rig.user });
      assert.deepEqual(statuses(r), [["nodes.json", "failed"], ["ssh", "skipped"], ["host-key", "skipped"], ["sync", "skipped"]]);
      assert.match(r.steps[0]!.detail, /^the instance's address is not an IP address \(\d+ characters\): not written to nodes\.json$/);
      assert.equal(r.keyscan, undefined);
    }
    assert.equal(readFileSync(join(c.fleet.configDir, "nodes.json"), "utf8"), before);
    assert.ok(!c.config.nodes.some((n) => n.name === "oyster-arm-1"));
  });

  it("reports ssh failed, with where and why, when nothing listens on the port", async () => {
    const c = controller({ hostKeyPolicy: "accept-new" });
    const [port] = await freePorts(1);
    const t0 = Date.now();
    const r = await joinFleet({ ...c.deps, waitForSshMs: 400, pollMs: 50 }, { name: "oyster-arm-1", host: "127.0.0.1", port: port!, user: rig.user });
    assert.ok(Date.now() - t0 < 5_000, "gave up at the deadline");
    assert.deepEqual(statuses(r), [["nodes.json", "ok"], ["ssh", "failed"], ["host-key", "skipped"], ["sync", "skipped"]]);
    assert.match(r.steps[1]!.detail, new RegExp(`^nothing accepted a connection on 127\\.0\\.0\\.1:${port} within \\d+ s \\(last: ECONNREFUSED\\)$`));
    assert.equal(r.ok, false);
  });
});
