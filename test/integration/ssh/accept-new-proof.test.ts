// accept-new records a host key only from a proven handshake. ssh2 asks the host verifier before
// it checks the server's signature; a key written at that moment could be planted by whatever
// answers first at a new address. Here fake servers (ssh2's real Server, test/helpers/fake-sshd.ts)
// take a rig node's address first and fail the handshake in three ways; nothing may be written or
// audited, and the real sshd at that address is then learned and works. Real OpenSSH throughout.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { OysterError } from "../../../src/errors.ts";
import { openRuntime, type Runtime } from "../../../src/runtime.ts";
import { fingerprintOf } from "../../../src/ssh/fingerprint.ts";
import { createSshPool, type SshPool } from "../../../src/ssh/index.ts";
import { knownHostsLockPath } from "../../../src/ssh/known-hosts-lock.ts";
import type { LearnedHostKey } from "../../../src/ssh/dial.ts";
import { startFakeSshd, type FakeSshdMode } from "../../helpers/fake-sshd.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { rigConfig, writeRigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig, type RigNode } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const { log } = memoryLogger("silent");
const fingerprint = (publicKeyLine: string) => fingerprintOf(Buffer.from(publicKeyLine.split(" ")[1]!, "base64"));
const lineFor = (node: RigNode) => `[127.0.0.1]:${node.port} ${node.hostKeyPublic}`;
const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter(Boolean);

describe("accept-new learns a host key only from a proven handshake", () => {
  let rig: Rig;
  const runtimes: Runtime[] = [];
  const pools: SshPool[] = [];
  before(async () => (rig = await startRig(2)));
  after(async () => {
    await Promise.all([...runtimes.map((r) => r.close()), ...pools.map((p) => p.close())]);
    await rig?.close();
  });

  /** A process's runtime (pool wired to the audit table, as in production) with an empty known_hosts. */
  function runtime(ssh: Record<string, unknown> = {}) {
    const root = tmpDir();
    const knownHosts = join(root, "known_hosts");
    writeFileSync(knownHosts, "");
    const configDir = writeRigConfig(rig, join(root, "config"), { ssh: { knownHostsFile: knownHosts, hostKeyPolicy: "accept-new", ...ssh } });
    const rt = openRuntime({ processEnv: { PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") }, stderrLevel: "silent" });
    runtimes.push(rt);
    const learned = () => rt.store.audit.since(new Date(0)).filter((r) => r.command === "known-hosts").map((r) => ({ node: r.args.node, fingerprint: r.args.fingerprint }));
    return { rt, knownHosts, learned };
  }

  const modes: Array<[FakeSshdMode, string, [string, RegExp]]> = [
    ["refuse-auth", "completes the key exchange with its own key, then refuses every authentication", ["SshAuthFailed", /authentication as .* failed/]],
    ["bad-signature", "presents a key but signs the exchange hash wrongly", ["SshError", /signature verification failed/]],
    ["cut-after-key", "presents a key, then closes the connection", ["SshUnreachable", /connection closed during the SSH handshake/]],
  ];
  for (const [mode, what, failsAs] of modes) {
    it(`a server that ${what} plants nothing; the real host at that address is then learned and works`, async () => {
      const node = rig.node("node-1");
      const { rt, knownHosts, learned } = runtime();
      await node.stop();
      const fake = await startFakeSshd(mode, node.port);
      try {
        const err = await rt.ssh.exec("node-1", "true").then(() => assert.fail("the fake let the dial succeed"), (e: OysterError) => e);
        assert.ok(fake.connections() >= 1);
        assert.equal(readFileSync(knownHosts, "utf8"), "", "known_hosts unchanged");
        assert.deepEqual(learned(), [], "no learned-key audit row");
        assert.equal(err.code, failsAs[0]);
        assert.match(err.message, failsAs[1]);
        // The verifier did see the fake's key (the case this guards), and the message says it was not kept.
        assert.ok(err.message.includes(`the new ssh-ed25519 host key it presented, ${fingerprint(fake.hostKeyPublic)}, was not recorded`), err.message);
      } finally {
        await fake.close();
        await node.start();
      }
      assert.equal((await rt.ssh.exec("node-1", "echo real")).stdout, "real\n");
      assert.deepEqual(lines(knownHosts), [lineFor(node)]);
      assert.deepEqual(learned(), [{ node: "node-1", fingerprint: fingerprint(node.hostKeyPublic) }]);
      rt.ssh.drop("node-1");
      assert.equal((await rt.ssh.exec("node-1", "echo again")).stdout, "again\n", "the learned key works on a new connection");
      assert.equal(learned().length, 1, "learned once");
    });
  }

  it("a node that refuses our key (wrong identity) learns nothing; with the right key it is learned", async () => {
    const node = rig.node("node-2");
    const wrongKey = join(tmpDir(), "id_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", wrongKey]);
    const cfg = join(tmpDir(), "ssh_config");
    writeFileSync(cfg, `Host node-2\n  HostName 127.0.0.1\n  Port ${node.port}\n  User ${rig.user}\n  IdentityFile ${wrongKey}\n`);
    const wrong = runtime({ configFile: cfg });
    const err = await wrong.rt.ssh.exec("node-2", "true").then(() => assert.fail("logged in with the wrong key"), (e: OysterError) => e);
    assert.equal(readFileSync(wrong.knownHosts, "utf8"), "", "known_hosts unchanged");
    assert.deepEqual(wrong.learned(), [], "no learned-key audit row");
    assert.equal(err.code, "SshAuthFailed");
    assert.match(err.message, /was not recorded/);

    const right = runtime({ knownHostsFile: wrong.knownHosts });
    await right.rt.ssh.exec("node-2", "true");
    assert.deepEqual(lines(wrong.knownHosts), [lineFor(node)]);
    assert.deepEqual(right.learned(), [{ node: "node-2", fingerprint: fingerprint(node.hostKeyPublic) }]);
  });

  /** Pools over one known_hosts, as several Oyster processes would hold; learned keys collected. */
  function poolsOver(count: number, extra: Record<string, unknown> = {}) {
    const knownHosts = join(tmpDir(), "known_hosts");
    writeFileSync(knownHosts, "");
    const learned: LearnedHostKey[] = [];
    const config = rigConfig(rig, join(tmpDir(), "config"), { ssh: { knownHostsFile: knownHosts, hostKeyPolicy: "accept-new" } });
    const made = Array.from({ length: count }, () => createSshPool(config, log, process.env, { onHostKeyLearned: (k) => learned.push(k), ...extra }));
    pools.push(...made);
    return { knownHosts, learned, pools: made };
  }

  it("concurrent dials to one new host write one line and audit it once", async () => {
    const { knownHosts, learned, pools: ps } = poolsOver(4);
    await Promise.all(ps.map((p) => p.exec("node-2", "true")));
    assert.deepEqual(lines(knownHosts), [lineFor(rig.node("node-2"))]);
    assert.equal(learned.length, 1);
  });

  it("waits for another process holding the known_hosts lock and does not add the line it wrote meanwhile", async () => {
    let waited!: () => void;
    const waiting = new Promise<void>((resolve) => (waited = resolve));
    const { knownHosts, learned, pools: [pool] } = poolsOver(1, { knownHostsLock: { onWait: () => waited() } });
    const lock = knownHostsLockPath(knownHosts);
    writeFileSync(lock, "another oyster process\n");
    const exec = pool!.exec("node-2", "echo ok");
    exec.catch(() => {});
    await Promise.race([waiting, exec.then(() => assert.fail("the dial never waited for the known_hosts lock"))]);
    // The other process records the same key under its lock, then lets go.
    writeFileSync(knownHosts, `${lineFor(rig.node("node-2"))}\n`);
    rmSync(lock);
    assert.equal((await exec).stdout, "ok\n");
    assert.deepEqual(lines(knownHosts), [lineFor(rig.node("node-2"))], "no duplicate line");
    assert.equal(learned.length, 0, "learned (and audited) by the other process, not again here");
  });

  it("refuses the connection when another process recorded a different key for the host meanwhile", async () => {
    let waited!: () => void;
    const waiting = new Promise<void>((resolve) => (waited = resolve));
    const { knownHosts, learned, pools: [pool] } = poolsOver(1, { knownHostsLock: { onWait: () => waited() } });
    const lock = knownHostsLockPath(knownHosts);
    writeFileSync(lock, "another oyster process\n");
    const exec = pool!.exec("node-2", "true");
    exec.catch(() => {});
    await Promise.race([waiting, exec.then(() => assert.fail("the dial never waited for the known_hosts lock"))]);
    const other = `[127.0.0.1]:${rig.node("node-2").port} ${rig.node("node-1").hostKeyPublic}`;
    writeFileSync(knownHosts, `${other}\n`);
    rmSync(lock);
    await assert.rejects(exec, { code: "HostKeyMismatch" });
    assert.deepEqual(lines(knownHosts), [other]);
    assert.equal(learned.length, 0);
  });
});
