// stuck_tasks' fix between detection and write, over a real dispatch.db, state.db, snapshot
// (the compiled SQLite worker: build first) and alert book: dispatch finishing a task meanwhile.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { judgeStuck } from "../../../../../jobs/guardian/checks/stuck-tasks/judge.ts";
import { settleStuck } from "../../../../../jobs/guardian/checks/stuck-tasks/settle.ts";
import { applyStuckAlerts } from "../../../../../jobs/guardian/checks/stuck-tasks/stuck-alerts.ts";
import type { TaskCheckContext } from "../../../../../jobs/guardian/checks/index.ts";
import { Ledger } from "../../../../../jobs/guardian/ledger.ts";
import { AlertBook } from "../../../../../src/alerts/alert-book.ts";
import { migrateDispatchDb } from "../../../../../src/dispatch/migrate.ts";
import { readStuckInputs } from "../../../../../src/dispatch/stuck-inputs.ts";
import { silentLogger } from "../../../../../src/log.ts";
import { openStore } from "../../../../../src/store/index.ts";
import { tmpDir } from "../../../../helpers/tmp-dir.ts";

const NOW = new Date("2026-11-27T12:00:00.000Z");
const HOUR_AGO = "2026-11-27T11:00:00.000Z";

async function setup(requeue: boolean, storm = false) {
  const root = tmpDir();
  const dbPath = join(root, "dispatch", "dispatch.db");
  mkdirSync(join(root, "dispatch"));
  await migrateDispatchDb(dbPath, { snapshotDir: join(root, "premigrate") });
  const db = new Database(dbPath);
  db.prepare("INSERT INTO nodes (name, state, updated_at) VALUES ('n2', 'offline', ?)").run(HOUR_AGO);
  for (const id of [1, 2]) db.prepare("INSERT INTO tasks (id, project, node, status, created_at, started_at) VALUES (?, 'web', 'n2', 'running', ?, ?)").run(id, HOUR_AGO, HOUR_AGO);
  db.close();
  const dataDir = join(root, "data");
  const store = openStore(dataDir, () => NOW);
  const alerts = new AlertBook(store, { dataDir, notifier: { notify: async () => {} }, reminderMinutes: 60, retentionDays: 7, now: () => NOW, log: silentLogger() });
  const config = { oyster: { dispatch: { db: dbPath }, guardian: { stuckTasks: { maxRunMinutes: 240, offlineMinutes: 15, requeue } } }, projects: [] };
  const ctx = {
    config, store, dataDir, log: silentLogger(), now: () => NOW, nodes: ["n2"], only: null, reach: new Map(), secrets: [],
    ssh: { nodeNames: ["n2"] },
    ev: { ledger: new Ledger(store.db, () => NOW), alerts, fix: true, storm, maxFixAttempts: 2, alertAfter: 2 },
  } as unknown as TaskCheckContext;
  const detect = () => {
    const inputs = readStuckInputs(dbPath, null);
    return judgeStuck({ running: inputs.running, nodes: inputs.nodes, logs: new Map(), now: NOW, maxRunMinutes: () => 240, offlineMinutes: 15 });
  };
  const exec = (sql: string) => {
    const w = new Database(dbPath);
    w.exec(sql);
    w.close();
  };
  const read = (id: number) => {
    const r = new Database(dbPath, { readonly: true });
    try {
      return r.prepare("SELECT status, attempts FROM tasks WHERE id = ?").get(id);
    } finally {
      r.close();
    }
  };
  return { ctx, store, alerts, detect, exec, read };
}

describe("stuck_tasks fix", () => {
  it("a task that finished between detection and fix is not requeued; its alert resolves saying so; the one still running is requeued", async () => {
    const { ctx, store, alerts, detect, exec, read } = await setup(true);
    await alerts.raise({ source: "guardian", check: "stuck_tasks:web:1", node: "n2", severity: "warning", message: "from an earlier run", attempts: 0 });
    const stuck = detect();
    assert.deepEqual(stuck.map((s) => s.task.id), [1, 2]);
    exec("UPDATE tasks SET status = 'done', finished_at = '2026-11-27T11:59:00.000Z' WHERE id = 1");

    const { items } = await settleStuck(ctx, stuck);
    assert.deepEqual(items.map((i) => [i.stuck.task.id, i.outcome]), [[1, "gone"], [2, "requeued"]]);
    assert.match(items[0]!.detail, /; not requeued: done$/);
    assert.deepEqual([read(1), read(2)], [{ status: "done", attempts: 0 }, { status: "pending", attempts: 1 }]);
    const audit = store.audit.since(new Date(0)).filter((r) => r.command === "requeue-task");
    assert.deepEqual(audit.map((r) => [r.args.id, r.outcome, r.error]), [[1, "failed", "not requeued: done"], [2, "ok", null]]);

    await applyStuckAlerts(ctx, items, { running: new Set(), unread: new Set() });
    const all = alerts.list("all");
    assert.deepEqual(all.map((a) => [a.check, a.status]).sort(), [["stuck_tasks:web:1", "resolved"], ["stuck_tasks:web:2", "resolved"]]);
    assert.match(all.find((a) => a.check === "stuck_tasks:web:1")!.message, /^n2: stuck_tasks: web\/1 on n2, .*; not requeued: done$/);
  });

  it("an alert whose task is no longer judged stuck resolves, unless its task.log could not be read this run", async () => {
    const { ctx, alerts } = await setup(false);
    const raise = (id: number) => alerts.raise({ source: "guardian", check: `stuck_tasks:web:${id}`, node: "n2", severity: "warning", message: "log silent", attempts: 0 });
    await raise(1);
    await raise(2);
    const running = new Set(["stuck_tasks:web:1", "stuck_tasks:web:2"]);
    await applyStuckAlerts(ctx, [], { running, unread: new Set(["stuck_tasks:web:2"]) });
    assert.deepEqual(alerts.list("all").map((a) => [a.check, a.status, a.message]).sort(), [
      ["stuck_tasks:web:1", "resolved", "n2: stuck_tasks: web/1 no longer stuck"],
      ["stuck_tasks:web:2", "open", "log silent"],
    ]);
  });

  for (const [what, requeue, storm, note] of [["requeue is off", false, false, "guardian.stuckTasks.requeue is off"], ["the run is a storm", true, true, "no requeue during a storm"]] as const) {
    it(`no requeue when ${what}: nothing written, no snapshot, no attempt counted`, async () => {
      const { ctx, store, detect, read } = await setup(requeue, storm);
      const { items, attempts } = await settleStuck(ctx, detect());
      assert.deepEqual(items.map((i) => i.outcome), ["stuck", "stuck"]);
      assert.ok(items.every((i) => i.detail.endsWith(note)), items[0]!.detail);
      assert.deepEqual([read(1), read(2)], [{ status: "running", attempts: 0 }, { status: "running", attempts: 0 }]);
      assert.equal(attempts.get("n2")?.made ?? 0, 0);
      assert.equal(ctx.ev.ledger.get("stuck_tasks", "n2")?.fixAttempts, 0);
      assert.deepEqual(store.audit.since(new Date(0)).filter((r) => r.command === "requeue-task"), []);
      assert.equal((store.db.prepare("SELECT COUNT(*) AS n FROM snapshots").get() as { n: number }).n, 0);
    });
  }
});
