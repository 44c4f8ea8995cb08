// `oyster help` answers from the registry and config alone: it opens no state.db, log file or SSH
// pool (start-up is the cost of every CLI call), and loads none of the heavy packages.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** An ESM loader hook that lists every package the process resolves, on stderr. */
function packageTracer(dir: string): string {
  const hooks = join(dir, "hooks.mjs");
  writeFileSync(hooks, `export async function resolve(s, c, next) { const r = await next(s, c); const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(r.url); if (m) process.stderr.write("PACKAGE " + m[1] + "\\n"); return r; }\n`);
  const register = join(dir, "register.mjs");
  writeFileSync(register, `import { register } from "node:module"; register(${JSON.stringify(`file://${hooks}`)});\n`);
  return register;
}

describe("oyster help", () => {
  it("creates no data dir and no state.db", async () => {
    const dir = tmpDir();
    const env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data") };
    const r = await runOyster(["help"], env, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /usage: oyster <command>/);
    assert.equal(existsSync(join(dir, "data")), false, "help opened the data dir");
  });

  it("loads none of ssh2, better-sqlite3, nodemailer, pino, node-cron, ssh-config or Bolt", async () => {
    const dir = tmpDir();
    const env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), NODE_OPTIONS: `--import ${packageTracer(dir)}` };
    const r = await runOyster(["help", "--json"], env, dir);
    assert.equal(r.code, 0, r.stderr);
    const loaded = new Set([...r.stderr.matchAll(/^PACKAGE (\S+)$/gm)].map((m) => m[1]));
    for (const heavy of ["ssh2", "better-sqlite3", "nodemailer", "pino", "node-cron", "ssh-config", "@slack/bolt"]) {
      assert.equal(loaded.has(heavy), false, `help loaded ${heavy}`);
    }
    assert.ok(JSON.parse(r.stdout).commands.some((c: { name: string }) => c.name === "status"));
  });

  it("answers even when a config file is broken (help reads no config; other commands still refuse it)", async () => {
    const dir = tmpDir();
    const config = join(dir, "config");
    mkdirSync(config);
    writeFileSync(join(config, "oyster.json"), JSON.stringify({ ssh: { concurrency: 0 } }));
    const env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: config, OYSTER_DATA_DIR: join(dir, "data") };
    const help = await runOyster(["help"], env, dir);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /usage: oyster <command>/);
    const nodes = await runOyster(["nodes"], env, dir);
    assert.equal(nodes.code, 2);
    assert.match(nodes.stderr, /oyster\.json: ssh\.concurrency: /);
  });
});
