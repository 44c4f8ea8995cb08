// Shared by the stuck_tasks tests: a rig fleet with the check on, the CLI with a fake clock, and
// dispatch.db / state.db read and written as dispatch and an operator would see them.
import { join } from "node:path";
import Database from "better-sqlite3";
import { runCli } from "../../../src/cli.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { makeFleet, type Fleet } from "../../helpers/fleet-fixture.ts";
import type { Rig } from "../../helpers/rig/index.ts";

export const GUARDIAN_ON = { interval_seconds: 300, max_fix_attempts: 2, backup_retention_days: 7, checks: { stuck_tasks: true } };

export type Result = { check: string; node: string | null; status: string; detail: string; alert?: { id: string; status: string }; fixAttempts?: { made: number; max: number } };

export interface StuckFleet extends Fleet {
  /** `oyster <args> --json` at the given time. */
  at(now: Date, args: string[], env?: NodeJS.ProcessEnv): Promise<{ code: number; doc: any; stderr: string }>;
  addTask(t: { id: number; project?: string; node: string | null; startedAt: Date; status?: string }): void;
  task(id: number): { status: string; node: string | null; started_at: string | null; attempts: number };
  setTask(id: number, status: string): void;
  setNode(name: string, state: string, updatedAt: Date): void;
  /** Every stuck_tasks alert, newest first, as `alerts --all` lists them. */
  stuckAlerts(now: Date): Promise<any[]>;
  /** state.db's audit rows for requeues. */
  requeueAudit(): Array<{ who: string; via: string; args: Record<string, unknown>; outcome: string; error: string | null }>;
}

export function stuckFleet(rig: Rig, stuckTasks: Record<string, unknown>, extra: { oyster?: Record<string, unknown>; checks?: Record<string, boolean> | null } = {}): StuckFleet {
  const guardian = extra.checks === null ? undefined : { ...GUARDIAN_ON, checks: { ...GUARDIAN_ON.checks, ...extra.checks } };
  const fleet = makeFleet(rig, { ssh: { connectTimeoutMs: 1500 }, oyster: { ...extra.oyster, guardian: { stuckTasks } }, ...(guardian ? { guardian } : {}) });
  const dbPath = join(fleet.dispatchDir, "dispatch.db");
  const write = <T>(fn: (db: Database.Database) => T): T => {
    const db = new Database(dbPath);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };
  return {
    ...fleet,
    async at(now, args, env = fleet.env) {
      const c = captureOutput();
      const code = await runCli([...args, "--json"], { env, out: c.out, now: () => now });
      return { code, doc: JSON.parse(c.stdout), stderr: c.stderr };
    },
    addTask: (t) =>
      write((db) =>
        db
          .prepare("INSERT INTO tasks (id, project, node, status, created_at, started_at, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)")
          .run(t.id, t.project ?? "web", t.node, t.status ?? "running", t.startedAt.toISOString(), t.startedAt.toISOString()),
      ),
    task: (id) => write((db) => db.prepare("SELECT status, node, started_at, attempts FROM tasks WHERE id = ?").get(id) as ReturnType<StuckFleet["task"]>),
    setTask: (id, status) => write((db) => void db.prepare("UPDATE tasks SET status = ? WHERE id = ?").run(status, id)),
    setNode: (name, state, updatedAt) =>
      write((db) => void db.prepare("INSERT INTO nodes (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at").run(name, state, updatedAt.toISOString())),
    async stuckAlerts(now) {
      const { doc } = await this.at(now, ["alerts", "--all"]);
      return (doc.alerts as any[]).filter((a) => String(a.check).startsWith("stuck_tasks"));
    },
    requeueAudit() {
      const db = new Database(join(fleet.dataDir, "state.db"), { readonly: true });
      try {
        const rows = db.prepare("SELECT who, via, args, outcome, error FROM audit WHERE command = 'requeue-task' ORDER BY id").all() as Array<{ who: string; via: string; args: string; outcome: string; error: string | null }>;
        return rows.map((r) => ({ ...r, args: JSON.parse(r.args) as Record<string, unknown> }));
      } finally {
        db.close();
      }
    },
  };
}

export const minutesAfter = (t: Date, m: number) => new Date(t.getTime() + m * 60_000);
export const stuckResults = (doc: { results: Result[] }) => doc.results.filter((r) => r.check === "stuck_tasks");
