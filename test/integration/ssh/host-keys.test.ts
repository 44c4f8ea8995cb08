// Host key verification against real sshd nodes: the client never accepts a key blindly.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { OysterError } from "../../../src/errors.ts";
import { fingerprintOf } from "../../../src/ssh/fingerprint.ts";
import { createSshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { rigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const { log } = memoryLogger("silent");

describe("host key verification", () => {
  let rig: Rig;
  before(async () => (rig = await startRig(3)));
  after(async () => rig?.close());

  const poolWith = (ssh: Record<string, unknown> = {}) => createSshPool(rigConfig(rig, join(tmpDir(), "config"), { ssh }), log);

  it("refuses a node whose host key changed, with its own error, and leaves known_hosts untouched", async () => {
    const pool = poolWith();
    try {
      await pool.exec("node-1", "true");
      pool.drop("node-1");
      const before = readFileSync(rig.knownHostsPath);
      await rig.node("node-1").rekey();
      for (let i = 0; i < 2; i++) {
        await assert.rejects(pool.exec("node-1", "true"), (err: OysterError) => {
          assert.equal(err.code, "HostKeyMismatch");
          assert.match(err.message, /HOST KEY CHANGED/);
          return true;
        });
      }
      assert.deepEqual(readFileSync(rig.knownHostsPath), before);
    } finally {
      await pool.close();
    }
  });

  it("never accepts a changed key under accept-new either", async () => {
    const pool = poolWith({ hostKeyPolicy: "accept-new" });
    try {
      const before = readFileSync(rig.knownHostsPath);
      await assert.rejects(pool.exec("node-1", "true"), { code: "HostKeyMismatch" });
      assert.deepEqual(readFileSync(rig.knownHostsPath), before);
    } finally {
      await pool.close();
    }
  });

  it("refuses a key marked @revoked with its own error, not as a changed key", async () => {
    const file = join(tmpDir(), "known_hosts");
    const node = rig.node("node-3");
    const key = node.hostKeyPublic;
    writeFileSync(file, `[127.0.0.1]:${node.port} ${key}\n@revoked * ${key}\n`);
    const pool = poolWith({ knownHostsFile: file, hostKeyPolicy: "accept-new" });
    try {
      await assert.rejects(pool.exec("node-3", "true"), (err: OysterError) => {
        assert.equal(err.code, "HostKeyRevoked");
        assert.match(err.message, /HOST KEY REVOKED for \[127\.0\.0\.1\]:\d+: the ssh-ed25519 key presented \(SHA256:[^)]+\) is marked @revoked/);
        assert.doesNotMatch(err.message, /CHANGED/);
        return true;
      });
    } finally {
      await pool.close();
    }
  });

  it("honours hashed known_hosts entries", async () => {
    rig.hashKnownHosts();
    assert.match(readFileSync(rig.knownHostsPath, "utf8"), /^\|1\|/);
    const pool = poolWith();
    try {
      assert.equal((await pool.exec("node-2", "echo hashed")).stdout, "hashed\n");
    } finally {
      await pool.close();
    }
  });

  it("refuses a node missing from known_hosts under the strict policy, naming the key it saw and the command that adds exactly it", async () => {
    const empty = join(tmpDir(), "known hosts $HOME");
    writeFileSync(empty, "");
    const pool = poolWith({ knownHostsFile: empty });
    const node = rig.node("node-2");
    const line = `[127.0.0.1]:${node.port} ${node.hostKeyPublic}`;
    try {
      const err = await pool.exec("node-2", "true").then(() => assert.fail("connected"), (e: OysterError) => e);
      assert.equal(err.code, "HostKeyUnknown");
      assert.equal(readFileSync(empty, "utf8"), "");
      const fingerprint = fingerprintOf(Buffer.from(node.hostKeyPublic.split(" ")[1]!, "base64"));
      const command = `printf '%s\\n' '${line}' >> '${empty}'`;
      assert.ok(err.message.includes(`the ssh-ed25519 key presented (${fingerprint}) was not accepted`), err.message);
      assert.ok(err.message.includes(`add exactly that key: ${command};`), err.message);
      assert.doesNotMatch(err.message, /ssh-keyscan/);
      // The command, run by a shell as printed, appends that key, and the strict policy then connects.
      execFileSync("/bin/sh", ["-c", command]);
      assert.equal(readFileSync(empty, "utf8"), `${line}\n`);
      assert.equal((await pool.exec("node-2", "echo ok")).stdout, "ok\n");
    } finally {
      await pool.close();
    }
  });

  it("accept-new adds a new node's key once and uses it from then on", async () => {
    const file = join(tmpDir(), "known_hosts");
    writeFileSync(file, "");
    const pool = poolWith({ knownHostsFile: file, hostKeyPolicy: "accept-new" });
    try {
      await pool.exec("node-3", "true");
      pool.drop("node-3");
      await pool.exec("node-3", "true");
      const lines = readFileSync(file, "utf8").trim().split("\n");
      const port = rig.node("node-3").port;
      assert.deepEqual(lines, [`[127.0.0.1]:${port} ${rig.node("node-3").hostKeyPublic}`]);
    } finally {
      await pool.close();
    }
  });

  it("reports a key the node does not accept as an authentication failure", async () => {
    const wrongKey = join(tmpDir(), "id_ed25519");
    execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", wrongKey]);
    const cfg = join(tmpDir(), "ssh_config");
    const node = rig.node("node-2");
    writeFileSync(cfg, `Host node-2\n  HostName 127.0.0.1\n  Port ${node.port}\n  User ${rig.user}\n  IdentityFile ${wrongKey}\n`);
    const pool = poolWith({ configFile: cfg });
    try {
      await assert.rejects(pool.exec("node-2", "true"), { code: "SshAuthFailed" });
    } finally {
      await pool.close();
    }
  });
});
