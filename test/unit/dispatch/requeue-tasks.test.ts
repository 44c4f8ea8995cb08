// requeueTasks against a real dispatch.db (the contract's schema, made by Oyster's own migration).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { migrateDispatchDb } from "../../../src/dispatch/migrate.ts";
import { requeueTasks } from "../../../src/dispatch/requeue-tasks.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

const OFFLINE_SINCE = "2026-11-27T01:00:00.000Z";

async function dbWith(tasks: Array<[id: number, node: string | null, status: string]>): Promise<string> {
  const dir = join(tmpDir(), "dispatch");
  mkdirSync(dir);
  const path = join(dir, "dispatch.db");
  await migrateDispatchDb(path, { snapshotDir: join(dir, "..", "snapshots") });
  const db = new Database(path);
  try {
    db.prepare("INSERT INTO nodes (name, state, updated_at) VALUES ('n2', 'offline', ?), ('n1', 'online', ?)").run(OFFLINE_SINCE, OFFLINE_SINCE);
    const insert = db.prepare("INSERT INTO tasks (id, project, node, status, created_at, started_at, attempts, error) VALUES (?, 'web', ?, ?, '2026-11-27T00:00:00.000Z', '2026-11-27T00:05:00.000Z', 1, 'earlier')");
    for (const [id, node, status] of tasks) insert.run(id, node, status);
  } finally {
    db.close();
  }
  return path;
}

function task(path: string, id: number): Record<string, unknown> {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT status, node, started_at, attempts, error FROM tasks WHERE id = ?").get(id) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

const req = (ids: number[], offlineSince = OFFLINE_SINCE) => ({ node: "n2", offlineSince, tasks: ids.map((id) => ({ project: "web", id })) });

describe("requeueTasks", () => {
  it("puts a task running on an offline node back to pending: node and started_at cleared, attempts + 1, error left to dispatch", async () => {
    const path = await dbWith([[1, "n2", "running"]]);
    assert.deepEqual(await requeueTasks(path, req([1])), [{ project: "web", id: 1, requeued: true, attempts: 2 }]);
    assert.deepEqual(task(path, 1), { status: "pending", node: null, started_at: null, attempts: 2, error: "earlier" });
  });

  it("requeues once: a second call finds the task pending and changes nothing", async () => {
    const path = await dbWith([[1, "n2", "running"]]);
    await requeueTasks(path, req([1]));
    const again = await requeueTasks(path, req([1]));
    assert.deepEqual(again, [{ project: "web", id: 1, requeued: false, nodeChanged: false, now: "pending" }]);
    assert.equal(task(path, 1).attempts, 2);
  });

  it("leaves a task that finished (or moved) after it was judged stuck, and says what it is now", async () => {
    const path = await dbWith([[1, "n2", "done"], [2, "n1", "running"], [3, "n2", "running"]]);
    const out = await requeueTasks(path, req([1, 2, 3]));
    assert.deepEqual(out.map((o) => [o.id, o.requeued, o.requeued ? o.attempts : o.now]), [[1, false, "done"], [2, false, "running on n1"], [3, true, 2]]);
    assert.deepEqual([task(path, 1).status, task(path, 2).status, task(path, 2).node], ["done", "running", "n1"]);
  });

  it("writes nothing when the node is no longer offline since the time the tasks were judged by", async () => {
    const path = await dbWith([[1, "n2", "running"]]);
    const out = await requeueTasks(path, req([1], "2026-11-27T00:30:00.000Z"));
    assert.deepEqual(out, [{ project: "web", id: 1, requeued: false, nodeChanged: true, now: `n2 is offline since ${OFFLINE_SINCE}` }]);
    assert.equal(task(path, 1).status, "running");
  });
});
