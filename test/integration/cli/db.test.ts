// `oyster db --json` through the real bin (dist: run `node scripts/build.mjs --no-check` first)
// while the sqlite3 CLI, a process of its own, holds dispatch.db's write lock.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { loadConfig } from "../../../src/config/index.ts";
import { dispatchDbHealth } from "../../../src/troubleshoot/dispatch-db-health.ts";
import { CONTRACT_DDL } from "../../helpers/fixtures/dispatch-dbs.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill("SIGKILL");
});

function sandbox() {
  const root = tmpDir();
  const dispatchDir = join(root, "dispatch");
  const configDir = join(root, "config");
  mkdirSync(dispatchDir);
  mkdirSync(configDir);
  const path = join(dispatchDir, "dispatch.db");
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.exec(CONTRACT_DDL);
  const add = db.prepare("INSERT INTO tasks (project, node, status, created_at, started_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z', ?)");
  add.run("web", "node-1", "running", new Date(Date.now() - 120_000).toISOString());
  add.run("api", "node-2", "running", new Date(Date.now() - 3_600_000).toISOString());
  add.run("web", null, "pending", null);
  db.close();
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir } }));
  const env = { HOME: root, PATH: process.env.PATH, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") };
  return { env, path, configDir };
}

async function holdLock(path: string): Promise<ChildProcess> {
  const child = spawn("sqlite3", [path], { stdio: ["pipe", "pipe", "inherit"] });
  children.push(child);
  child.stdin!.write("BEGIN IMMEDIATE;\nSELECT 'locked';\n");
  for await (const chunk of child.stdout!) if (String(chunk).includes("locked")) break;
  return child;
}

interface DbJson {
  writeLock: { held: boolean; waitedMs: number };
  tasks: Record<string, number>;
  running: Array<{ project: string; node: string; ageSeconds: number }>;
}

describe("oyster db", () => {
  it("reports a write lock held by another process within 1 s, and the running tasks oldest first (exit 1)", async () => {
    const { env, path } = sandbox();
    const holder = await holdLock(path);
    const r = await runOyster(["db", "--json"], env);
    assert.equal(r.code, 1, r.stderr);
    const data = JSON.parse(r.stdout) as DbJson;
    assert.equal(data.writeLock.held, true);
    assert.ok(data.writeLock.waitedMs < 1000, String(data.writeLock.waitedMs));
    assert.deepEqual(data.running.map((t) => [t.project, t.node]), [["api", "node-2"], ["web", "node-1"]]);
    assert.ok(data.running[0]!.ageSeconds >= 3600);
    holder.stdin!.end("ROLLBACK;\n");
    await once(holder, "exit");
    const free = await runOyster(["db"], env);
    assert.equal(free.code, 0, free.stderr);
    assert.match(free.stdout, /write lock: free/);
    assert.match(free.stdout, /tasks: pending 1, running 2, done 0, failed 0, cancelled 0/);
  });

  it("reads the same in the SQLite worker, as the bot does", async () => {
    const { configDir } = sandbox();
    const h = await dispatchDbHealth(loadConfig({ dir: configDir }).config, { offThread: true });
    assert.ok(h.configured && h.exists && !("error" in h));
    assert.equal(h.runningTotal, 2);
  });
});
