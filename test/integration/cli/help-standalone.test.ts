// `oyster help` answers from the registry and config alone: it opens no state.db, log file or SSH
// pool (start-up is the cost of every CLI call), and loads none of the heavy packages.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/**
 * Lists every package the process loads, on stderr: an ESM resolve hook for imports and a CJS
 * resolver patch for require() (the lazily loaded packages come in through createRequire, which
 * Node 20's ESM hooks do not see).
 */
function packageTracer(dir: string): string {
  const report = `const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(String(u)); if (m) process.stderr.write("PACKAGE " + m[1] + "\\n");`;
  const hooks = join(dir, "hooks.mjs");
  writeFileSync(hooks, `export async function resolve(s, c, next) { const r = await next(s, c); const u = r.url; ${report} return r; }\n`);
  const cjs = join(dir, "trace.cjs");
  writeFileSync(cjs, `const M = require("node:module"); const orig = M._resolveFilename; M._resolveFilename = function (...a) { const u = orig.apply(this, a); ${report} return u; };\n`);
  const register = join(dir, "register.mjs");
  writeFileSync(register, `import { register, createRequire } from "node:module"; createRequire(import.meta.url)(${JSON.stringify(cjs)}); register(${JSON.stringify(`file://${hooks}`)});\n`);
  return register;
}

const HEAVY = ["ssh2", "better-sqlite3", "nodemailer", "pino", "croner", "ssh-config", "@slack/bolt", "prom-client"];

function loadedBy(stderr: string): Set<string> {
  return new Set([...stderr.matchAll(/^PACKAGE (\S+)$/gm)].map((m) => m[1]!));
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

  it("loads none of ssh2, better-sqlite3, nodemailer, pino, croner, ssh-config, Bolt or prom-client", async () => {
    const dir = tmpDir();
    const env = { PATH: process.env.PATH, HOME: dir, OYSTER_CONFIG_DIR: join(dir, "config"), OYSTER_DATA_DIR: join(dir, "data"), NODE_OPTIONS: `--import ${packageTracer(dir)}` };
    // The tracer sees lazy loads: `jobs` needs state.db and the cron library, and it shows them.
    const control = await runOyster(["jobs", "--json"], env, dir);
    assert.equal(control.code, 0, control.stderr);
    for (const needed of ["better-sqlite3", "croner", "pino"]) assert.ok(loadedBy(control.stderr).has(needed), `the tracer saw jobs load ${needed}`);
    const r = await runOyster(["help", "--json"], env, dir);
    assert.equal(r.code, 0, r.stderr);
    const loaded = loadedBy(r.stderr);
    for (const heavy of HEAVY) assert.equal(loaded.has(heavy), false, `help loaded ${heavy}`);
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
