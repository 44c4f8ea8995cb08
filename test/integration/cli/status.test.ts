// `oyster status` and `oyster nodes` as separate processes against real sshd nodes.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runOyster } from "../../helpers/run-oyster.ts";
import { writeRigConfig } from "../../helpers/rig-config.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

interface StatusDoc {
  nodes: Array<{ name: string; reachable: boolean; latencyMs: number | null; uptimeSeconds?: number; load?: number[]; error?: string; errorCode?: string }>;
  dispatch: { configured: boolean };
}

describe("oyster status / nodes against the rig", () => {
  let rig: Rig;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    rig = await startRig(3);
    const dir = tmpDir();
    writeRigConfig(rig, join(dir, "config"), { ssh: { connectTimeoutMs: 1500 } });
    env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data") };
  });
  after(async () => rig?.close());

  it("reports every node up with latency, uptime and load, exit 0", async () => {
    const r = await runOyster(["status", "--json"], env);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as StatusDoc;
    assert.deepEqual(doc.nodes.map((n) => [n.name, n.reachable]), [["node-1", true], ["node-2", true], ["node-3", true]]);
    for (const n of doc.nodes) {
      assert.equal(typeof n.latencyMs, "number");
      assert.ok((n.uptimeSeconds ?? -1) >= 0);
      assert.equal(n.load?.length, 3);
    }
  });

  it("reports a stopped and a hung node unreachable with exit 1, the rest answering", async () => {
    await rig.node("node-2").stop();
    await rig.node("node-3").hang();
    try {
      const r = await runOyster(["status", "--json"], env);
      assert.equal(r.code, 1);
      const doc = JSON.parse(r.stdout) as StatusDoc;
      assert.deepEqual(doc.nodes.map((n) => [n.name, n.reachable, n.errorCode]), [["node-1", true, undefined], ["node-2", false, "SshUnreachable"], ["node-3", false, "SshTimeout"]]);
      assert.equal(doc.nodes[1]?.latencyMs, null);
      const text = await runOyster(["status"], env);
      assert.match(text.stdout, /^node-2\s+DOWN\s+-\s+-\s+SshUnreachable: /m);
    } finally {
      await rig.node("node-3").resume();
      await rig.node("node-2").start();
    }
  });

  it("status of one named node touches only that node", async () => {
    await rig.node("node-2").stop();
    try {
      const r = await runOyster(["status", "node-1", "--json"], env);
      assert.equal(r.code, 0);
      assert.deepEqual((JSON.parse(r.stdout) as StatusDoc).nodes.map((n) => n.name), ["node-1"]);
    } finally {
      await rig.node("node-2").start();
    }
  });

  it("nodes shows each node resolved through the SSH client config", async () => {
    const r = await runOyster(["nodes", "--json"], env);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as { nodes: Array<{ name: string; host: string; port: number; user: string; identityFiles: string[]; sources: Record<string, string> }> };
    assert.deepEqual(doc.nodes[0], {
      ...doc.nodes[0],
      name: "node-1",
      host: "127.0.0.1",
      port: rig.node("node-1").port,
      user: rig.user,
      identityFiles: [rig.clientKeyPath],
      sources: { host: "ssh config", port: "ssh config", user: "ssh config", identity: "ssh config" },
    });
  });
});
