// A key trusted under accept-new reaches the audit table, as the runtime wires the pool, over a
// real sshd; the fingerprint is checked against OpenSSH's own ssh-keygen, not our arithmetic.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { openRuntime } from "../../../src/runtime.ts";
import { writeRigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

function sshKeygenFingerprint(publicKeyLine: string): string {
  const file = join(tmpDir(), "host_key.pub");
  writeFileSync(file, `${publicKeyLine}\n`);
  return execFileSync("ssh-keygen", ["-l", "-E", "sha256", "-f", file], { encoding: "utf8" }).split(" ")[1]!;
}

describe("host keys learned under accept-new", () => {
  let rig: Rig;
  before(async () => (rig = await startRig(1)));
  after(async () => rig?.close());

  it("writes an audit row (oyster, known-hosts, node and SHA256 fingerprint, allowed, ok) on the first dial only", async () => {
    const root = tmpDir();
    const knownHosts = join(root, "known_hosts");
    writeFileSync(knownHosts, "");
    const configDir = writeRigConfig(rig, join(root, "config"), { ssh: { knownHostsFile: knownHosts, hostKeyPolicy: "accept-new" } });
    const env = { PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") };
    const rt = openRuntime({ processEnv: env, stderrLevel: "silent" });
    try {
      await rt.ssh.exec("node-1", "true");
      rt.ssh.drop("node-1");
      await rt.ssh.exec("node-1", "true");
      const rows = rt.store.audit.since(new Date(0)).map((r) => ({ who: r.who, via: r.via, command: r.command, node: r.args.node, fingerprint: r.args.fingerprint, decision: r.decision, outcome: r.outcome }));
      assert.deepEqual(rows, [{
        who: "oyster", via: "ssh", command: "known-hosts", node: "node-1",
        fingerprint: sshKeygenFingerprint(rig.node("node-1").hostKeyPublic), decision: "allowed", outcome: "ok",
      }]);
      assert.match(String(rows[0]?.fingerprint), /^SHA256:[A-Za-z0-9+/]{43}$/);
    } finally {
      await rt.close();
    }
  });
});
