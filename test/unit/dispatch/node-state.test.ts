import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { isOysterError } from "../../../src/errors.ts";
import { migrateDispatchDb } from "../../../src/dispatch/migrate.ts";
import { readNodeStates, setNodeStates } from "../../../src/dispatch/node-state.ts";
import { createOldDispatchDb } from "../../helpers/fixtures/dispatch-dbs.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const T1 = () => new Date("2026-11-27T01:00:00.000Z");
const T2 = () => new Date("2026-11-27T02:00:00.000Z");

async function freshDb(): Promise<string> {
  const dir = join(tmpDir(), "dispatch");
  mkdirSync(dir);
  const path = join(dir, "dispatch.db");
  await migrateDispatchDb(path, { snapshotDir: join(dir, "..", "snapshots") });
  return path;
}

function rows(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT name, state, updated_at FROM nodes ORDER BY name").all();
  } finally {
    db.close();
  }
}

describe("setNodeStates", () => {
  it("adds unknown nodes and reports them as changed from null", async () => {
    const path = await freshDb();
    const changed = setNodeStates(path, [{ name: "n1", state: "online" }, { name: "n2", state: "offline" }], T1);
    assert.deepEqual(changed, [{ name: "n1", from: null, to: "online" }, { name: "n2", from: null, to: "offline" }]);
    assert.deepEqual(readNodeStates(path), { n1: "online", n2: "offline" });
  });

  it("changes only the rows that differ, reports only those, and leaves the others' updated_at alone", async () => {
    const path = await freshDb();
    setNodeStates(path, [{ name: "n1", state: "online" }, { name: "n2", state: "online" }], T1);
    const changed = setNodeStates(path, [{ name: "n1", state: "online" }, { name: "n2", state: "offline" }], T2);
    assert.deepEqual(changed, [{ name: "n2", from: "online", to: "offline" }]);
    assert.deepEqual(rows(path), [
      { name: "n1", state: "online", updated_at: "2026-11-27T01:00:00.000Z" },
      { name: "n2", state: "offline", updated_at: "2026-11-27T02:00:00.000Z" },
    ]);
  });

  it("never touches a node an operator set to draining, and does not report it", async () => {
    const path = await freshDb();
    const db = new Database(path);
    db.prepare("INSERT INTO nodes VALUES ('n3', 'draining', '2026-11-26T00:00:00.000Z')").run();
    db.close();
    assert.deepEqual(setNodeStates(path, [{ name: "n3", state: "online" }, { name: "n1", state: "online" }], T1), [{ name: "n1", from: null, to: "online" }]);
    assert.deepEqual(setNodeStates(path, [{ name: "n3", state: "offline" }], T2), []);
    assert.deepEqual(rows(path)[1], { name: "n3", state: "draining", updated_at: "2026-11-26T00:00:00.000Z" });
  });

  it("refuses an old-schema database (no nodes table) rather than creating the table itself", () => {
    const dir = tmpDir();
    const path = join(dir, "dispatch.db");
    createOldDispatchDb(path);
    assert.throws(() => setNodeStates(path, [{ name: "n1", state: "online" }]), (err) => isOysterError(err) && err.code === "CommandFailed");
    assert.deepEqual(readNodeStates(path), {});
  });

  it("says not configured when dispatch.db does not exist", () => {
    const path = join(tmpDir(), "dispatch.db");
    assert.throws(() => setNodeStates(path, []), (err) => isOysterError(err) && err.code === "NotConfigured");
    assert.throws(() => readNodeStates(path), (err) => isOysterError(err) && err.code === "NotConfigured");
  });
});
