import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { reloadFleet, watchFleet } from "../../../src/config/fleet-reload.ts";
import { loadConfig, type Config } from "../../../src/config/index.ts";
import { addNodeToFile } from "../../../src/config/nodes-file-write.ts";
import { createSshPool, type SshPool } from "../../../src/ssh/index.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

const env = { HOME: "/home/tester" };
const pools: SshPool[] = [];
after(async () => Promise.all(pools.map((p) => p.close())));

const nodesJson = (nodes: unknown[]) => `${JSON.stringify({ nodes }, null, 2)}\n`;
const A = { name: "node-a", host: "10.0.0.1", user: "opc" };
const B = { name: "node-b", host: "10.0.0.2", user: "opc" };

/** A config dir with no SSH client config, so every node resolves from nodes.json alone; no connection is made. */
function fleet(nodes: unknown[], nodesPath?: string) {
  const root = tmpDir("oyster-fleet-reload-");
  const dir = join(root, "config");
  mkdirSync(dir);
  writeFileSync(join(dir, "oyster.json"), JSON.stringify({ ssh: { configFile: join(root, "no-ssh-config"), knownHostsFile: join(root, "known_hosts") } }));
  if (nodesPath) {
    writeFileSync(nodesPath, nodesJson(nodes));
    symlinkSync(nodesPath, join(dir, "nodes.json"));
  } else {
    writeFileSync(join(dir, "nodes.json"), nodesJson(nodes));
  }
  const config: Config = loadConfig({ dir, env }).config;
  const { log, lines } = memoryLogger("info");
  const ssh = createSshPool(config, log, env);
  pools.push(ssh);
  return { root, dir, config, ssh, log, lines, write: (n: unknown[]) => writeFileSync(nodesPath ?? join(dir, "nodes.json"), nodesJson(n)) };
}

describe("reloadFleet", () => {
  it("replaces config.nodes in place and gives the pool the new targets", () => {
    const f = fleet([A, B]);
    const shared = f.config.nodes;
    f.write([{ ...A, host: "10.0.0.9" }, { name: "node-c", host: "10.0.0.3", user: "ubuntu", port: 2222 }]);
    const r = reloadFleet({ config: f.config, ssh: f.ssh, log: f.log, env });
    assert.deepEqual(r, { ok: true, added: ["node-c"], removed: ["node-b"], changed: ["node-a"], problems: [] });
    assert.equal(f.config.nodes, shared, "the same array object, which the scheduler and Slack app hold");
    assert.deepEqual(shared.map((n) => n.name), ["node-a", "node-c"]);
    assert.deepEqual(f.ssh.nodeNames, ["node-a", "node-c"]);
    assert.equal(f.ssh.target("node-a").host, "10.0.0.9");
    assert.deepEqual([f.ssh.target("node-c").host, f.ssh.target("node-c").port, f.ssh.target("node-c").user], ["10.0.0.3", 2222, "ubuntu"]);
    assert.throws(() => f.ssh.target("node-b"), { code: "UnknownNode" });
    assert.ok(f.lines.some((l) => l.includes("fleet reloaded")));
  });

  it("reports nothing changed, and logs nothing, when the file says the same", () => {
    const f = fleet([A, B]);
    f.write([A, B]);
    assert.deepEqual(reloadFleet({ config: f.config, ssh: f.ssh, log: f.log, env }), { ok: true, added: [], removed: [], changed: [], problems: [] });
    assert.ok(!f.lines.some((l) => l.includes("fleet reloaded")));
  });

  it("keeps the old fleet when the new file does not validate, and says why", () => {
    const f = fleet([A, B]);
    f.write([A, { name: "bad name!" }]);
    const r = reloadFleet({ config: f.config, ssh: f.ssh, log: f.log, env });
    assert.equal(r.ok, false);
    assert.deepEqual(r.problems, ['nodes.json: nodes[1].name: "bad name!" must match ^[A-Za-z0-9][A-Za-z0-9._-]*$']);
    assert.deepEqual(f.config.nodes.map((n) => n.name), ["node-a", "node-b"]);
    assert.deepEqual(f.ssh.nodeNames, ["node-a", "node-b"]);
    const warning = f.lines.find((l) => l.includes("fleet not reloaded"));
    assert.ok(warning, f.lines.join(""));
    assert.match(warning, /bad name!/);
  });

  it("keeps the old fleet when nodes.json is half-written (invalid JSON)", () => {
    const f = fleet([A, B]);
    writeFileSync(join(f.dir, "nodes.json"), '{"nodes": [');
    assert.equal(reloadFleet({ config: f.config, ssh: f.ssh, log: f.log, env }).ok, false);
    assert.deepEqual(f.config.nodes.map((n) => n.name), ["node-a", "node-b"]);
  });
});

describe("watchFleet", () => {
  it("picks up a node added to nodes.json by another writer", async () => {
    const f = fleet([A]);
    const watch = watchFleet({ config: f.config, ssh: f.ssh, log: f.log, env, intervalMs: 20 });
    try {
      addNodeToFile(f.dir, B, { env });
      await waitUntil(() => f.ssh.nodeNames.includes("node-b"), "the pool to know node-b");
      assert.deepEqual(f.config.nodes.map((n) => n.name), ["node-a", "node-b"]);
      assert.ok(f.lines.some((l) => l.includes("fleet reloaded") && l.includes("node-b")), f.lines.join(""));
    } finally {
      watch.stop();
    }
  });

  it("notices an edit of a symlinked nodes.json's target", async () => {
    const target = join(tmpDir("oyster-dispatch-"), "nodes.json");
    const f = fleet([A], target);
    const watch = watchFleet({ config: f.config, ssh: f.ssh, log: f.log, env, intervalMs: 20 });
    try {
      f.write([A, B]);
      await waitUntil(() => f.config.nodes.length === 2, "the edit of the link's target to be picked up");
    } finally {
      watch.stop();
    }
  });

  it("keeps watching after a bad edit and applies the fix that follows", async () => {
    const f = fleet([A]);
    const watch = watchFleet({ config: f.config, ssh: f.ssh, log: f.log, env, intervalMs: 20 });
    try {
      f.write([A, { name: "-bad" }]);
      await waitUntil(() => f.lines.some((l) => l.includes("fleet not reloaded")), "the bad edit to be refused");
      assert.deepEqual(f.ssh.nodeNames, ["node-a"]);
      f.write([A, B]);
      await waitUntil(() => f.ssh.nodeNames.includes("node-b"), "the fixed file to be applied");
    } finally {
      watch.stop();
    }
  });
});
