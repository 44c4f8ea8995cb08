// Keys from a real ssh-agent (SSH_AUTH_SOCK) when no identity file is configured.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createSshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { rigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

describe("ssh-agent", () => {
  let rig: Rig;
  let agent: ReturnType<typeof spawn>;
  const dir = tmpDir();
  const sock = join(dir, "agent.sock");

  before(async () => {
    rig = await startRig(1);
    agent = spawn("ssh-agent", ["-D", "-a", sock], { stdio: "ignore" });
    // ssh-add fails until the agent listens on its socket.
    const added = () => {
      try {
        execFileSync("ssh-add", ["-q", rig.clientKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    };
    await waitUntil(added, "ssh-agent to come up and take the key");
  });
  after(async () => {
    agent?.kill();
    await rig?.close();
  });

  it("logs in with the agent's key when no identity file is usable", async () => {
    const node = rig.node("node-1");
    const cfg = join(dir, "ssh_config");
    writeFileSync(cfg, `Host node-1\n  HostName 127.0.0.1\n  Port ${node.port}\n  User ${rig.user}\n`);
    const env = { PATH: process.env.PATH, HOME: join(dir, "empty-home"), SSH_AUTH_SOCK: sock };
    const pool = createSshPool(rigConfig(rig, join(dir, "config"), { ssh: { configFile: cfg } }), memoryLogger("silent").log, env);
    try {
      assert.equal((await pool.exec("node-1", "echo via-agent")).stdout, "via-agent\n");
    } finally {
      await pool.close();
    }
  });

  it("says plainly when there is neither a usable key nor an agent", async () => {
    const node = rig.node("node-1");
    const cfg = join(dir, "ssh_config_nokey");
    writeFileSync(cfg, `Host node-1\n  HostName 127.0.0.1\n  Port ${node.port}\n  User ${rig.user}\n`);
    const env = { PATH: process.env.PATH, HOME: join(dir, "empty-home") };
    const pool = createSshPool(rigConfig(rig, join(dir, "config2"), { ssh: { configFile: cfg } }), memoryLogger("silent").log, env);
    try {
      await assert.rejects(pool.exec("node-1", "true"), (err: Error & { code: string }) => {
        assert.equal(err.code, "SshAuthFailed");
        assert.match(err.message, /no usable SSH key .* and no ssh-agent/);
        return true;
      });
    } finally {
      await pool.close();
    }
  });
});
