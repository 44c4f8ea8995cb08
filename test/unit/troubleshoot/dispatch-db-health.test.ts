// dispatch.db health over real SQLite files; the lock holder is the real sqlite3 CLI in a process
// of its own, as dispatch.py would be.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import Database from "better-sqlite3";
import { loadConfig } from "../../../src/config/index.ts";
import { probeWriteLock } from "../../../src/dispatch/write-lock.ts";
import { dbHealthText } from "../../../src/troubleshoot/db-health-text.ts";
import { dbUnhealthy, dispatchDbHealth } from "../../../src/troubleshoot/dispatch-db-health.ts";
import { CONTRACT_DDL } from "../../helpers/fixtures/dispatch-dbs.ts";
import { PROJECT_ROOT } from "../../helpers/spawn-tsx.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const NOW = new Date("2026-11-30T12:00:00Z");

function dispatchDir(): { dir: string; path: string; config: ReturnType<typeof loadConfig>["config"] } {
  const dir = tmpDir();
  const path = join(dir, "dispatch.db");
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.exec(CONTRACT_DDL);
  const add = db.prepare("INSERT INTO tasks (project, node, status, created_at, started_at) VALUES (?, ?, ?, '2026-11-30T00:00:00Z', ?)");
  add.run("web", "n1", "running", "2026-11-30T11:00:00Z");
  add.run("api", "n2", "running", "2026-11-30T09:30:00Z");
  add.run("web", null, "pending", null);
  add.run("web", "n1", "done", "2026-11-30T01:00:00Z");
  db.close();
  // A WAL with content in it, as a live dispatch leaves it: a process that writes and exits
  // without closing (a close would checkpoint), so no connection is left open in this one.
  const writer = spawnSync(process.execPath, ["-e", LEAVE_WAL, path], { cwd: PROJECT_ROOT, encoding: "utf8" });
  assert.equal(writer.status, 0, writer.stderr);
  const cfgDir = tmpDir();
  writeFileSync(join(cfgDir, "oyster.json"), JSON.stringify({ dispatch: { dir } }));
  return { dir, path, config: loadConfig({ dir: cfgDir }).config };
}
const LEAVE_WAL = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.pragma("wal_autocheckpoint = 0");
db.prepare("INSERT INTO nodes VALUES ('n1', 'online', '2026-11-30T00:00:00Z')").run(); process.exit(0);`;
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill("SIGKILL");
});

/** The sqlite3 CLI holding the write lock until its stdin closes. */
async function holdLock(path: string): Promise<ChildProcess> {
  const child = spawn("sqlite3", [path], { stdio: ["pipe", "pipe", "inherit"] });
  children.push(child);
  child.stdin!.write("BEGIN IMMEDIATE;\nSELECT 'locked';\n");
  for await (const chunk of child.stdout!) if (String(chunk).includes("locked")) break;
  return child;
}

describe("dispatchDbHealth", () => {
  it("reports journal mode, sizes, tasks by status and running tasks oldest first with their age", async () => {
    const { config } = dispatchDir();
    const h = await dispatchDbHealth(config, { now: () => NOW });
    assert.ok(h.configured && h.exists && !("error" in h));
    assert.equal(h.journalMode, "wal");
    assert.ok(h.pageSize > 0 && h.fileBytes > 0 && (h.walBytes ?? 0) > 0);
    assert.deepEqual(h.tasks, { pending: 1, running: 2, done: 1, failed: 0, cancelled: 0 });
    assert.deepEqual(h.running.map((t) => [t.project, t.node, t.ageSeconds]), [["api", "n2", 9000], ["web", "n1", 3600]]);
    assert.deepEqual(h.writeLock.held, false);
    assert.equal(dbUnhealthy(h), false);
    assert.match(dbHealthText(h), /running: 2, oldest first:\n\s+2  api  n2  2h30m\n\s+1  web  n1  1h00m/);
  });

  it("reports a write lock another process holds, within 1 s, as unhealthy", async () => {
    const { config, path } = dispatchDir();
    const holder = await holdLock(path);
    const started = performance.now();
    const h = await dispatchDbHealth(config, { now: () => NOW });
    assert.ok(performance.now() - started < 1000);
    assert.ok(h.configured && h.exists);
    assert.equal(h.writeLock.held, true);
    assert.equal(dbUnhealthy(h), true);
    assert.match(dbHealthText(h), /write lock: HELD/);
    holder.stdin!.end("ROLLBACK;\n");
    await once(holder, "exit");
    assert.equal((await probeWriteLock(path)).held, false);
  });

  it("writes nothing: the file and its WAL are byte for byte the same after a probe", async () => {
    const { path } = dispatchDir();
    const before = [readFileSync(path), readFileSync(`${path}-wal`)];
    const probe = await probeWriteLock(path);
    assert.equal(probe.held, false);
    assert.ok(existsSync(`${path}-wal`));
    assert.deepEqual([readFileSync(path), readFileSync(`${path}-wal`)], before);
    assert.ok(statSync(`${path}-wal`).size > 0);
  });

  it("says not configured without dispatch.dir and not there yet without dispatch.db", async () => {
    const cfgDir = tmpDir();
    writeFileSync(join(cfgDir, "oyster.json"), JSON.stringify({ dispatch: { dir: join(tmpDir(), "none") } }));
    const h = await dispatchDbHealth(loadConfig({ dir: cfgDir }).config);
    assert.equal(h.configured, false);
    writeFileSync(join(cfgDir, "oyster.json"), JSON.stringify({ dispatch: { dir: tmpDir() } }));
    const h2 = await dispatchDbHealth(loadConfig({ dir: cfgDir }).config);
    assert.ok(h2.configured && !h2.exists);
    assert.match(dbHealthText(h2), /does not exist yet/);
  });
});
