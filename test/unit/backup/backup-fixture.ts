// A sandbox for the backup tests: config dir, data dir, a dispatch dir with a real dispatch.db,
// a real state.db, an AlertBook with a recording notifier, and a clock the test moves.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { AlertBook } from "../../../src/alerts/alert-book.ts";
import type { BackupDeps } from "../../../src/backup/take-backup.ts";
import { loadConfig, type Config } from "../../../src/config/index.ts";
import { openStore, type Store } from "../../../src/store/index.ts";
import { createContractDb } from "../../helpers/fixtures/dispatch-dbs.ts";
import { memoryLogger } from "../../helpers/quiet-log.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";
import { RecordingNotifier } from "../alerts/book-fixture.ts";

export interface SandboxOptions {
  /** "db": dispatch dir with dispatch.db (default); "no-db": the dir only; "none": no dir. */
  dispatch?: "db" | "no-db" | "none";
  tasks?: number;
  retentionDays?: number;
  /** Put the data dir somewhere else (a small tmpfs). */
  dataDir?: string;
  at?: string;
}

export function backupSandbox(opts: SandboxOptions = {}) {
  const root = tmpDir("oyster-backup-");
  const configDir = join(root, "config");
  const dataDir = opts.dataDir ?? join(root, "data");
  const dispatchDir = join(root, "dispatch");
  const dbPath = join(dispatchDir, "dispatch.db");
  mkdirSync(configDir);
  mkdirSync(dataDir, { recursive: true });
  if (opts.dispatch !== "none") mkdirSync(dispatchDir);
  if ((opts.dispatch ?? "db") === "db") {
    createContractDb(dbPath);
    addTasks(dbPath, opts.tasks ?? 10, "done");
  }
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ dispatch: { dir: dispatchDir } }));
  writeFileSync(join(configDir, "guardian_config.json"), JSON.stringify({ backup_retention_days: opts.retentionDays ?? 7 }));
  const env = { HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir, PATH: process.env.PATH };
  const config: Config = loadConfig({ dir: configDir, env }).config;
  const store: Store = openStore(dataDir);
  const { log, lines } = memoryLogger("debug");
  const notifier = new RecordingNotifier();
  let t = Date.parse(opts.at ?? "2026-11-27T03:00:00Z");
  const now = () => new Date(t);
  const book = new AlertBook(store, { dataDir, notifier, now, reminderMinutes: 60, retentionDays: 7, log });
  const deps = (extra: Partial<BackupDeps> = {}): BackupDeps => ({ config, store, log, now, dataDir, alerts: book, ...extra });
  return {
    root, configDir, dataDir, dispatchDir, dbPath, snapshotDir: join(dataDir, "snapshots"), env, config, store, log, lines, notifier, book, now, deps,
    setTime(iso: string) {
      t = Date.parse(iso);
    },
    advanceDays(days: number) {
      t += days * 86_400_000;
    },
  };
}

/** Appends tasks to a dispatch.db (contract or old schema) with the given status. */
export function addTasks(dbPath: string, n: number, status: string): void {
  const db = new Database(dbPath);
  try {
    const insert = db.prepare("INSERT INTO tasks (project, status, created_at) VALUES ('p', ?, '2026-11-01T00:00:00Z')");
    db.transaction(() => {
      for (let i = 0; i < n; i++) insert.run(status);
    })();
  } finally {
    db.close();
  }
}

/** Every task row, in id order: what "the data equals the snapshot" compares. */
export function taskRows(dbPath: string): unknown[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT * FROM tasks ORDER BY id").all();
  } finally {
    db.close();
  }
}
