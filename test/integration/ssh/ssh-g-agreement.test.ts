// Oyster resolves a node named only by name exactly as OpenSSH does: each node's host, port, user
// and keys are compared with what `ssh -G -F <file> <name>` prints, for a config that uses
// Include (absolute with a glob, and relative, which OpenSSH reads from ~/.ssh of the account),
// first-match-wins across includes, Host negation, Match host and IdentityFile tokens. Through the
// API, and through the real `oyster nodes --json` (dist: run `node scripts/build.mjs --no-check` first).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig, type Config } from "../../../src/config/index.ts";
import { resolveFleet, type SshTarget } from "../../../src/ssh/index.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

// OpenSSH expands `~` and %d with the account's home (getpwuid), not $HOME: resolve with the same.
const home = userInfo().homedir;
const NAMES = ["node-1", "node-2", "node-x1", "other"];

interface Expected {
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
}

/**
 * What `ssh -G` prints for `name`. OpenSSH 9.2 prints IdentityFile tokens unexpanded (later
 * versions expand them), so the tokens are expanded here from ssh's own hostname and user.
 */
function sshG(configFile: string, name: string): Expected {
  const out = execFileSync("ssh", ["-G", "-T", "-F", configFile, name], { encoding: "utf8" });
  const get = (key: string) => out.split("\n").filter((l) => l.startsWith(`${key} `)).map((l) => l.slice(key.length + 1));
  const host = get("hostname")[0]!;
  const user = get("user")[0]!;
  const expand = (p: string) =>
    p.replace(/%([%dhrn])/g, (_m, t: string) => ({ "%": "%", d: home, h: host, r: user, n: name })[t]!).replace(/^~(?=\/|$)/, home);
  return { host, port: Number(get("port")[0]), user, identityFiles: get("identityfile").map(expand) };
}

const shape = (t: Pick<SshTarget, "host" | "port" | "user" | "identityFiles">): Expected => ({ host: t.host, port: t.port, user: t.user, identityFiles: t.identityFiles });

describe("resolution agrees with ssh -G", () => {
  let root: string;
  let configFile: string;
  let config: Config;
  let configDir: string;
  // A relative Include is read from ~/.ssh of the account running ssh: a dir of this test's own there.
  const accountSsh = join(home, ".ssh");
  const createdAccountSsh = !existsSync(accountSsh);
  const relDir = `oyster-test-${process.pid}-${Date.now()}`;

  before(() => {
    root = tmpDir("oyster-ssh-agree-");
    mkdirSync(join(root, "abs.d"));
    mkdirSync(join(accountSsh, relDir), { recursive: true, mode: 0o700 });
    configFile = join(root, "config");
    writeFileSync(
      configFile,
      [
        `Include ${root}/abs.d/*.conf`,
        `Include ${relDir}/*.conf`,
        "Host !node-x* node-*",
        "  User alice",
        "  IdentityFile %d/keys/%h-%r-%n",
        "Match host 10.0.0.*",
        "  Port 2222",
        "Host *",
        "  IdentityFile ~/.ssh/fallback_%r",
        "",
      ].join("\n"),
    );
    // First match wins across includes: node-1's User here beats the main file's `alice`.
    writeFileSync(join(root, "abs.d", "a.conf"), "Host node-1\n  HostName 10.0.0.5\n  User first-wins\n");
    writeFileSync(join(accountSsh, relDir, "b.conf"), "Host node-2\n  HostName 10.0.1.6\n  Port 2022\n");
    configDir = join(root, "oyster");
    mkdirSync(configDir);
    writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ ssh: { configFile, knownHostsFile: join(root, "known_hosts") } }));
    writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: NAMES.map((name) => ({ name })) }));
    config = loadConfig({ dir: configDir, env: { HOME: home } }).config;
  });

  after(() => {
    rmSync(join(accountSsh, relDir), { recursive: true, force: true });
    if (createdAccountSsh && readdirSync(accountSsh).length === 0) rmSync(accountSsh, { recursive: true, force: true });
  });

  it("the config under test exercises what it claims (includes, negation, Match, first match)", () => {
    assert.deepEqual(
      NAMES.map((n) => sshG(configFile, n)).map((e) => [e.host, e.port, e.user]),
      [["10.0.0.5", 2222, "first-wins"], ["10.0.1.6", 2022, "alice"], ["node-x1", 22, userInfo().username], ["other", 22, userInfo().username]],
    );
  });

  it("resolveFleet gives each node the host, port, user and keys ssh -G gives", () => {
    const targets = resolveFleet(config, { home, dataDir: join(root, "data-api") });
    for (const t of targets) assert.deepEqual(shape(t), sshG(configFile, t.name), t.name);
  });

  it("oyster nodes --json gives each node the host, port, user and keys ssh -G gives", async () => {
    const env = { PATH: process.env.PATH, HOME: home, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data-cli") };
    const r = await runOyster(["nodes", "--json"], env);
    assert.equal(r.code, 0, r.stderr);
    const nodes = (JSON.parse(r.stdout) as { nodes: SshTarget[] }).nodes;
    assert.deepEqual(nodes.map((n) => n.name), NAMES);
    for (const n of nodes) assert.deepEqual(shape(n), sshG(configFile, n.name), n.name);
    // Values the config sets are reported as the SSH config's; unset ones as defaults.
    assert.deepEqual(nodes[0]!.sources, { host: "ssh config", port: "ssh config", user: "ssh config", identity: "ssh config" });
    assert.deepEqual(nodes[2]!.sources, { host: "default", port: "default", user: "default", identity: "ssh config" });
  });
});
