// Resolution through `ssh -G` (the real client, found on PATH; it makes no connection): the disk
// cache, what invalidates it, the parser fallback without ssh, and the precedence around it.
import assert from "node:assert/strict";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { loadConfig } from "../../../src/config/index.ts";
import { OysterError } from "../../../src/errors.ts";
import { createSshPool, resolveFleet, type SshGRequest, type SshGRunner, type SshPool } from "../../../src/ssh/index.ts";
import { batchRunner } from "../../../src/ssh/ssh-g-runner.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const pools: SshPool[] = [];
after(async () => Promise.all(pools.map((p) => p.close())));

/** A config dir whose `ssh.configFile` is `<root>/ssh/config` (written by the test), and a data dir. */
function setup(nodes: unknown[], sshConfig?: string) {
  const root = tmpDir("oyster-ssh-g-");
  const sshDir = join(root, "ssh");
  mkdirSync(join(sshDir, "conf.d"), { recursive: true });
  const configFile = join(sshDir, "config");
  if (sshConfig !== undefined) writeFileSync(configFile, sshConfig);
  const dir = join(root, "config");
  mkdirSync(dir);
  writeFileSync(join(dir, "oyster.json"), JSON.stringify({ ssh: { configFile, knownHostsFile: join(root, "known_hosts") } }));
  writeFileSync(join(dir, "nodes.json"), JSON.stringify({ nodes }));
  const env = { HOME: join(root, "home"), PATH: process.env.PATH };
  const config = loadConfig({ dir, env }).config;
  return { root, sshDir, configFile, config, env, dataDir: join(root, "data") };
}

/** The real runner, counting the batches and requests it is given. */
function counting(inner: SshGRunner = batchRunner()) {
  const batches: SshGRequest[][] = [];
  const runner: SshGRunner = (requests) => {
    batches.push(requests);
    return inner(requests);
  };
  return { batches, runner };
}

describe("resolving through ssh -G, cached on disk", () => {
  it("answers a second resolution from the cache without spawning ssh", () => {
    const s = setup([{ name: "node-1" }, { name: "node-2" }], "Host node-*\n  User alice\n  Port 2201\n");
    const first = counting();
    const a = resolveFleet(s.config, { home: s.env.HOME, dataDir: s.dataDir, runner: first.runner });
    assert.equal(first.batches.length, 1);
    assert.equal(first.batches[0]!.length, 4, "ssh -G with the config and with -F /dev/null, per node");
    const second = counting();
    const b = resolveFleet(s.config, { home: s.env.HOME, dataDir: s.dataDir, runner: second.runner });
    assert.equal(second.batches.length, 0);
    assert.deepEqual(b, a);
    assert.equal(b[0]!.user, "alice");
    assert.equal(b[0]!.port, 2201);
  });

  it("keeps the cache file private (0600)", () => {
    const s = setup([{ name: "node-1" }], "Host node-1\n  User alice\n");
    resolveFleet(s.config, { dataDir: s.dataDir });
    assert.equal(statSync(join(s.dataDir, "ssh-config-cache.json")).mode & 0o777, 0o600);
  });

  it("asks ssh again when the main config file changes", () => {
    const s = setup([{ name: "node-1" }], "Host node-1\n  User alice\n");
    resolveFleet(s.config, { dataDir: s.dataDir });
    writeFileSync(s.configFile, "Host node-1\n  User bob\n");
    const again = counting();
    assert.equal(resolveFleet(s.config, { dataDir: s.dataDir, runner: again.runner })[0]!.user, "bob");
    assert.equal(again.batches.length, 1);
  });

  it("asks ssh again when an included file changes", () => {
    const s = setup([{ name: "node-1" }]);
    writeFileSync(s.configFile, `Include ${s.sshDir}/conf.d/*.conf\n`);
    writeFileSync(join(s.sshDir, "conf.d", "a.conf"), "Host node-1\n  User alice\n");
    assert.equal(resolveFleet(s.config, { dataDir: s.dataDir })[0]!.user, "alice");
    writeFileSync(join(s.sshDir, "conf.d", "a.conf"), "Host node-1\n  User carol\n");
    const again = counting();
    assert.equal(resolveFleet(s.config, { dataDir: s.dataDir, runner: again.runner })[0]!.user, "carol");
    assert.equal(again.batches.length, 1);
  });

  it("asks ssh again when an Include glob gains a file", () => {
    const s = setup([{ name: "node-1" }]);
    writeFileSync(s.configFile, `Include ${s.sshDir}/conf.d/*.conf\nHost *\n  Port 2200\n`);
    assert.equal(resolveFleet(s.config, { dataDir: s.dataDir })[0]!.port, 2200);
    writeFileSync(join(s.sshDir, "conf.d", "late.conf"), "Host node-1\n  Port 2299\n");
    const again = counting();
    assert.equal(resolveFleet(s.config, { dataDir: s.dataDir, runner: again.runner })[0]!.port, 2299);
    assert.equal(again.batches.length, 1);
  });

  it("asks ssh only about the nodes it has no valid answer for", () => {
    const s = setup([{ name: "node-1" }], "Host node-*\n  User alice\n");
    resolveFleet(s.config, { dataDir: s.dataDir });
    s.config.nodes.push({ ...s.config.nodes[0]!, name: "node-2" });
    const again = counting();
    resolveFleet(s.config, { dataDir: s.dataDir, runner: again.runner });
    assert.deepEqual(again.batches.map((b) => b.map((args) => args.at(-1))), [["node-2", "node-2"]]);
  });

  it("spawns nothing when the SSH config file does not exist, and resolves from nodes.json and defaults", () => {
    const s = setup([{ name: "node-1", host: "10.1.1.1" }]);
    const run = counting();
    const [t] = resolveFleet(s.config, { home: "/home/me", dataDir: s.dataDir, runner: run.runner });
    assert.equal(run.batches.length, 0);
    assert.deepEqual({ host: t!.host, port: t!.port, sources: t!.sources }, {
      host: "10.1.1.1",
      port: 22,
      sources: { host: "nodes.json", port: "default", user: "default", identity: "default" },
    });
    assert.deepEqual(t!.identityFiles, ["/home/me/.ssh/id_ed25519", "/home/me/.ssh/id_ecdsa", "/home/me/.ssh/id_rsa"]);
  });

  it("lets nodes.json fields win over the SSH config, and says where each value came from", () => {
    const s = setup([{ name: "node-1", host: "10.9.9.9", user: "root" }], "Host node-1\n  HostName 10.0.0.1\n  User alice\n  Port 2222\n  IdentityFile /keys/id_node\n");
    const [t] = resolveFleet(s.config, { dataDir: s.dataDir });
    assert.deepEqual(
      { host: t!.host, port: t!.port, user: t!.user, identityFiles: t!.identityFiles, sources: t!.sources },
      { host: "10.9.9.9", port: 2222, user: "root", identityFiles: ["/keys/id_node"], sources: { host: "nodes.json", port: "ssh config", user: "nodes.json", identity: "ssh config" } },
    );
  });

  it("reports a config ssh rejects as a config error naming the file and the node", () => {
    const s = setup([{ name: "node-1" }], "Host node-1\n  NoSuchOption yes\n");
    assert.throws(
      () => resolveFleet(s.config, { dataDir: s.dataDir }),
      (err: unknown) => err instanceof OysterError && err.code === "ConfigError" && err.message.includes(`${s.configFile}: node-1: ssh -G`) && /NoSuchOption|Bad configuration/i.test(err.message),
    );
  });
});

describe("without an ssh client", () => {
  const CONFIG = "Host node-1\n  HostName 10.0.0.7\n  User alice\n  IdentityFile ~/.ssh/id_%h\n";

  it("falls back to parsing the config file when the runner finds no ssh", () => {
    const s = setup([{ name: "node-1" }], CONFIG);
    const missing: SshGRunner = (requests) => requests.map(() => ({ ok: false, reason: "missing", stderr: "", message: "spawn ssh ENOENT" }));
    const [t] = resolveFleet(s.config, { home: "/home/me", dataDir: s.dataDir, runner: missing });
    assert.deepEqual({ host: t!.host, user: t!.user, identityFiles: t!.identityFiles }, { host: "10.0.0.7", user: "alice", identityFiles: ["/home/me/.ssh/id_10.0.0.7"] });
  });

  it("falls back to parsing the config file when PATH holds no ssh", () => {
    const s = setup([{ name: "node-1" }], CONFIG);
    const noSsh = tmpDir("oyster-no-ssh-");
    const [t] = resolveFleet(s.config, { home: "/home/me", env: { PATH: noSsh }, dataDir: s.dataDir });
    assert.deepEqual({ host: t!.host, user: t!.user, sources: t!.sources.user }, { host: "10.0.0.7", user: "alice", sources: "ssh config" });
  });
});

describe("ProxyJump", () => {
  it("is refused with a clear message when the SSH config sets it", async () => {
    const s = setup([{ name: "node-1" }], "Host node-1\n  HostName 127.0.0.1\n  ProxyJump bastion.example\n");
    const pool = createSshPool(s.config, memoryLogger("silent").log, s.env, { dataDir: s.dataDir });
    pools.push(pool);
    assert.equal(pool.target("node-1").proxyJump, "bastion.example");
    await assert.rejects(pool.exec("node-1", "true"), (err: unknown) =>
      err instanceof OysterError && err.code === "SshError" && err.message === "node-1: ProxyJump (bastion.example) is not supported yet; connect directly or use a tunnel");
  });
});
