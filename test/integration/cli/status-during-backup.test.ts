// `oyster status` as its own process while another process (this test) holds the backup lock in
// state.db and dispatch.db exclusively: the answer comes from the reading kept in state.db, says
// so, and never waits on dispatch.db; with no reading kept it says the counts are unavailable.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { BACKUP_LOCK } from "../../../src/dispatch/status-reading.ts";
import { openStore, type HeldLock, type Store } from "../../../src/store/index.ts";
import { createContractDb } from "../../helpers/fixtures/dispatch-dbs.ts";
import { runOyster } from "../../helpers/run-oyster.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { addTasks } from "../../unit/backup/backup-fixture.ts";

interface StatusDoc {
  nodes: unknown[];
  dispatch: { configured: boolean; tasks?: Record<string, number>; stale?: boolean; countsAsOf?: string; reason?: string };
}

describe("oyster status while a backup runs", () => {
  let env: NodeJS.ProcessEnv;
  let dbPath: string;
  let store: Store;
  let lock: HeldLock;
  let exclusive: Database.Database;

  before(async () => {
    const root = tmpDir();
    const configDir = join(root, "config");
    const dispatchDir = join(root, "dispatch");
    mkdirSync(configDir);
    mkdirSync(dispatchDir);
    dbPath = join(dispatchDir, "dispatch.db");
    createContractDb(dbPath);
    addTasks(dbPath, 10, "done");
    writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir } }));
    env = { PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: join(root, "data") };

    // A normal status first: its reading is the one kept.
    const first = await runOyster(["status", "--json"], env);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual((JSON.parse(first.stdout) as StatusDoc).dispatch.tasks?.done, 10);

    addTasks(dbPath, 5, "pending");
    store = openStore(env.OYSTER_DATA_DIR!);
    lock = await store.lock(BACKUP_LOCK, { label: "bot" });
    exclusive = new Database(dbPath);
    exclusive.pragma("locking_mode = EXCLUSIVE");
    exclusive.exec("BEGIN EXCLUSIVE; UPDATE tasks SET status = status WHERE id = 1; COMMIT");
  });
  after(() => {
    exclusive?.close();
    lock?.release();
    store?.close();
  });

  it("answers with the kept counts and their time, says a backup is running, and does not read dispatch.db", async () => {
    const r = await runOyster(["status", "--json"], env);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as StatusDoc;
    assert.deepEqual(doc.nodes, []);
    assert.deepEqual(doc.dispatch.tasks, { pending: 0, running: 0, done: 10, failed: 0, cancelled: 0 }, "the kept reading, not today's 5 pending");
    assert.equal(doc.dispatch.stale, true);
    assert.match(doc.dispatch.countsAsOf ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const text = await runOyster(["status"], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^dispatch: tasks pending 0, running 0, done 10, failed 0, cancelled 0; task counts as of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(a backup is running\)$/m);
  });

  it("with no reading kept, says the counts are unavailable while a backup runs", async () => {
    store.db.exec("DELETE FROM dispatch_counts");
    const r = await runOyster(["status", "--json"], env);
    assert.equal(r.code, 0, r.stderr);
    const d = (JSON.parse(r.stdout) as StatusDoc).dispatch;
    assert.deepEqual([d.tasks, d.stale, d.reason], [undefined, true, "task counts unavailable while a backup runs"]);
    const text = await runOyster(["status"], env);
    assert.match(text.stdout, /^dispatch: task counts unavailable while a backup runs$/m);
  });
});
