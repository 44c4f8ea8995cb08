// The data dir and the config dir are judged by what they really are (through a symlink) before
// Oyster opens or reads anything in them: someone else's, or writable by others, is exit 2 with
// the reason. In-process through runCli, and the compiled bot once. chown cases need root.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, chownSync, existsSync, mkdirSync, realpathSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runCli } from "../../../src/cli.ts";
import { compiledEntryPath } from "../../../src/startup/compiled-entry.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function sandbox() {
  const root = tmpDir();
  const configDir = join(root, "config");
  mkdirSync(configDir);
  const env: NodeJS.ProcessEnv = { HOME: root, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") };
  const run = async () => {
    const c = captureOutput();
    const code = await runCli(["alerts", "--json"], { env, out: c.out });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };
  return { root, configDir, env, run };
}

/** A dir elsewhere in a fresh temp dir, with `mode` (and owner) set after creation. */
function sharedDir(mode: number, uid?: number): string {
  const d = join(tmpDir(), "shared");
  mkdirSync(d);
  chmodSync(d, mode);
  if (uid !== undefined) chownSync(d, uid, uid);
  return d;
}

describe("data dir (OYSTER_DATA_DIR)", () => {
  it("a symlink to a 0777 dir is refused, exit 2, naming the real path and why; nothing is written there", async () => {
    const sb = sandbox();
    const shared = sharedDir(0o777);
    symlinkSync(shared, sb.env.OYSTER_DATA_DIR!);
    const r = await sb.run();
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^environment: OYSTER_DATA_DIR: ${sb.env.OYSTER_DATA_DIR} \\(really ${realpathSync(shared)}\\) is writable by others \\(mode 0777\\)`, "m"));
    assert.equal(JSON.parse(r.stdout).error.code, "ConfigError");
    assert.equal(existsSync(join(shared, "state.db")), false);
    assert.equal(existsSync(join(shared, "logs")), false);
  });

  it("a dir owned by another user is refused, exit 2, naming the owner", { skip: !asRoot && "chown needs root" }, async () => {
    const sb = sandbox();
    symlinkSync(sharedDir(0o700, NOBODY), sb.env.OYSTER_DATA_DIR!);
    const r = await sb.run();
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /OYSTER_DATA_DIR: .* is owned by uid 65534 \(nobody\), not by you/);
  });

  it("a 0700 dir of your own works, through a symlink too, and one Oyster creates is 0700", async () => {
    const sb = sandbox();
    assert.equal((await sb.run()).code, 0);
    assert.equal(statSync(sb.env.OYSTER_DATA_DIR!).mode & 0o777, 0o700);
    const other = sandbox();
    symlinkSync(sharedDir(0o700), other.env.OYSTER_DATA_DIR!);
    const r = await other.run();
    assert.equal(r.code, 0, r.stderr);
  });
});

describe("config dir (OYSTER_CONFIG_DIR)", () => {
  it("a config dir writable by others is refused, exit 2, before anything in it is used", async () => {
    const sb = sandbox();
    chmodSync(sb.configDir, 0o777);
    const r = await sb.run();
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^environment: OYSTER_CONFIG_DIR: ${sb.configDir} is writable by others \\(mode 0777\\)`, "m"));
    assert.equal(existsSync(sb.env.OYSTER_DATA_DIR!), false, "the data dir is not even created");
  });

  it("an oyster.json or a unit template writable by others is refused, naming the file", async () => {
    const sb = sandbox();
    writeFileSync(join(sb.configDir, "oyster.json"), "{}");
    chmodSync(join(sb.configDir, "oyster.json"), 0o666);
    mkdirSync(join(sb.configDir, "systemd"));
    writeFileSync(join(sb.configDir, "systemd", "watcher.service"), "[Service]\n");
    chmodSync(join(sb.configDir, "systemd", "watcher.service"), 0o646);
    const r = await sb.run();
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^oyster\.json: .*oyster\.json is writable by others \(mode 0666\)/m);
    assert.match(r.stderr, /^systemd\/watcher\.service: .* is writable by others \(mode 0646\)/m);
  });

  it("a config dir owned by another user is refused; root's is fine", { skip: !asRoot && "chown needs root" }, async () => {
    const sb = sandbox();
    const theirs = sharedDir(0o755, NOBODY);
    sb.env.OYSTER_CONFIG_DIR = theirs;
    const r = await sb.run();
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^environment: OYSTER_CONFIG_DIR: .* is owned by uid 65534 \(nobody\), not by you/m);
  });

  it("a 0755 config dir of your own (a fresh clone's) and a 0700 one work", async () => {
    for (const mode of [0o755, 0o700]) {
      const sb = sandbox();
      chmodSync(sb.configDir, mode);
      writeFileSync(join(sb.configDir, "oyster.json"), "{}");
      const r = await sb.run();
      assert.equal(r.code, 0, r.stderr);
    }
  });
});

describe("the bot (npm start)", () => {
  it("refuses to start on a data dir that is a symlink to a 0777 dir (exit 2, the reason on stderr)", async () => {
    const cwd = tmpDir();
    const shared = sharedDir(0o777);
    symlinkSync(shared, join(cwd, "data"));
    const child = spawn(process.execPath, [compiledEntryPath("main")], { cwd, env: { PATH: process.env.PATH, HOME: cwd }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const [code] = await once(child, "exit");
    assert.equal(code, 2, stderr);
    assert.match(stderr, /environment: OYSTER_DATA_DIR: .*data \(really .*shared\) is writable by others \(mode 0777\)/);
    assert.equal(existsSync(join(shared, "state.db")), false);
  });
});
