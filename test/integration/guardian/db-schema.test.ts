// db_schema through `oyster check`: creates a missing dispatch.db, migrates an old one after a
// snapshot, and never creates the dispatch dir itself.
import assert from "node:assert/strict";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import Database from "better-sqlite3";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import { startRig, type Rig } from "../../helpers/rig/index.ts";

type Result = { check: string; node: string | null; status: string; detail: string };
const dbResult = (doc: { results: Result[] }) => doc.results.find((r) => r.check === "db_schema");

describe("guardian db_schema", () => {
  let rig: Rig;
  let fleet: Fleet;
  before(async () => {
    rig = await startRig(1);
    fleet = makeFleet(rig);
  });
  after(async () => rig?.close());

  it("creates dispatch.db when the dispatch dir has none", async () => {
    const { doc } = await fleet.oyster(["check", "db_schema"]);
    assert.equal(dbResult(doc)?.status, "fixed");
    assert.match(dbResult(doc)!.detail, /created dispatch\.db at schema version 2/);
    assert.equal((await fleet.oyster(["check", "db_schema"])).doc.results[0].status, "passed");
  });

  it("migrates an old-schema dispatch.db after taking a snapshot, keeping every row", async () => {
    const path = join(fleet.dispatchDir, "dispatch.db");
    rmSync(path, { force: true });
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
    const old = new Database(path);
    old.exec("CREATE TABLE tasks (id INTEGER PRIMARY KEY, project TEXT NOT NULL, node TEXT, status TEXT NOT NULL, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT)");
    const add = old.prepare("INSERT INTO tasks (project, status, created_at) VALUES ('web', 'done', '2026-11-27T00:00:00Z')");
    for (let i = 0; i < 50; i++) add.run();
    old.close();

    const { doc } = await fleet.oyster(["check", "db_schema"]);
    assert.equal(dbResult(doc)?.status, "fixed", dbResult(doc)?.detail);
    assert.match(dbResult(doc)!.detail, /migrated from version 1 to 2 \(snapshot first: .*dispatch-premigrate-\d{8}-\d{6}\.db\)/);
    const snapshots = readdirSync(join(fleet.dataDir, "snapshots"));
    assert.equal(snapshots.length, 1);
    const snap = new Database(join(fleet.dataDir, "snapshots", snapshots[0]!), { readonly: true });
    assert.equal((snap.prepare("SELECT COUNT(*) AS n FROM tasks").get() as { n: number }).n, 50);
    snap.close();
    const db = new Database(path, { readonly: true });
    assert.equal((db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE attempts = 0").get() as { n: number }).n, 50);
    db.close();
  });

  it("reports not configured, and creates nothing, when dispatch.dir does not exist", async () => {
    rmSync(fleet.dispatchDir, { recursive: true, force: true });
    const { code, doc } = await fleet.oyster(["check", "db_schema"]);
    assert.equal(code, 0);
    assert.equal(dbResult(doc)?.status, "skipped");
    assert.match(dbResult(doc)!.detail, /^not configured: dispatch\.dir .* does not exist/);
    assert.equal(existsSync(fleet.dispatchDir), false);
  });
});
