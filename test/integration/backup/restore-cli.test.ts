// `oyster backup`, `backups` and `restore` in-process through runCli, against real SQLite files:
// a dispatch.db in a temp dispatch dir, state.db in a temp data dir.
import assert from "node:assert/strict";
import { chmodSync, chownSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, it } from "node:test";
import Database from "better-sqlite3";
import { backup } from "../../../commands/backup.ts";
import { backups, type BackupsData } from "../../../commands/backups.ts";
import { restore } from "../../../commands/restore.ts";
import type { RestoreReport } from "../../../src/backup/restore.ts";
import { runCli } from "../../../src/cli.ts";
import { openStore } from "../../../src/store/index.ts";
import { captureOutput } from "../../helpers/capture-output.ts";
import { modeOf, withUmask } from "../../helpers/file-modes.ts";
import { sha256File } from "../../helpers/fixtures/dispatch-dbs.ts";
import { startDispatchWriter } from "../../helpers/fixtures/run-dispatch-writer.ts";
import { addTasks, backupSandbox, taskRows } from "../../unit/backup/backup-fixture.ts";

const noTty = () => ({ input: new PassThrough(), output: new PassThrough() });

async function withSnapshot() {
  const sb = backupSandbox({ tasks: 10 });
  sb.store.close(); // the CLI opens its own
  const run = async (...argv: string[]) => {
    const c = captureOutput();
    const code = await runCli(argv, { env: sb.env, out: c.out, io: noTty(), commands: [backup, backups, restore] });
    return { code, stdout: c.stdout, stderr: c.stderr };
  };
  const taken = await run("backup", "--json");
  assert.equal(taken.code, 0, taken.stderr);
  const file = (JSON.parse(taken.stdout) as { snapshot: { file: string } }).snapshot.file;
  const listed = async () => (JSON.parse((await run("backups", "--json")).stdout) as BackupsData).snapshots;
  const audit = () => {
    const s = openStore(sb.dataDir);
    try {
      return s.audit.since(new Date(0)).map((r) => [r.command, r.decision, r.outcome]);
    } finally {
      s.close();
    }
  };
  return { sb, run, file, listed, audit, before: taskRows(sb.dbPath) };
}

function setRunning(dbPath: string, id: number): void {
  const db = new Database(dbPath);
  db.prepare("UPDATE tasks SET status = 'running' WHERE id = ?").run(id);
  db.close();
}

describe("oyster restore", { timeout: 60_000 }, () => {
  it("round trip: snapshot, change, restore; the data equals the snapshot and a safety snapshot holds the replaced one", async () => {
    const { sb, run, file, listed, audit, before } = await withSnapshot();
    addTasks(sb.dbPath, 5, "done");
    const changed = taskRows(sb.dbPath);
    assert.equal(changed.length, 15);

    const r = await run("restore", file, "--yes", "--json");
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as RestoreReport;
    assert.deepEqual(taskRows(sb.dbPath), before);
    assert.equal(report.rows.tasks, 10);

    // dispatch.db is back in WAL mode, as the contract has it, with nothing stale beside it.
    const db = new Database(sb.dbPath, { readonly: true });
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
    db.close();
    assert.deepEqual(readdirSync(sb.dispatchDir).filter((f) => f.includes(".restore-")), []);

    assert.match(report.safety ?? "", /^dispatch-safety-\d{8}-\d{6}\.db$/);
    assert.deepEqual(taskRows(join(sb.snapshotDir, report.safety!)), changed);
    const safety = (await listed()).find((s) => s.file === report.safety);
    assert.deepEqual([safety?.kind, safety?.verified, safety?.rows.tasks], ["safety", true, 15]);
    assert.deepEqual(audit().filter(([c]) => c === "restore"), [["restore", "confirmed", "ok"]]);
  });

  it("refuses while dispatch has a running task (exit 1, nothing replaced), and goes ahead with --force", async () => {
    const { sb, run, file } = await withSnapshot();
    addTasks(sb.dbPath, 3, "pending");
    setRunning(sb.dbPath, 11);
    const hash = sha256File(sb.dbPath);

    const refused = await run("restore", file, "--yes");
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /dispatch has 1 running task\(s\) \(ids 11\).*--force/);
    assert.equal(sha256File(sb.dbPath), hash);

    const forced = await run("restore", file, "--yes", "--force");
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /--force: 1 task\(s\) were running/);
    assert.equal(taskRows(sb.dbPath).length, 10);
  });

  it("refuses while another process has dispatch.db open, --force or not", async () => {
    const { sb, run, file } = await withSnapshot();
    const writer = await startDispatchWriter(sb.dbPath, sb.root, 30);
    let refused;
    try {
      refused = await run("restore", file, "--yes", "--force");
    } finally {
      const report = await writer.stop();
      assert.equal(report.failures, 0);
      assert.ok(report.commits > 0);
    }
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /is open in process \d+ \(dispatch running\?\)/);
    assert.ok(taskRows(sb.dbPath).length > 10, "the writer's tasks are still there");
  });

  it("refuses while a connection in this process has it open (the SQLite lock check at the swap)", async () => {
    const { sb, run, file } = await withSnapshot();
    const held = new Database(sb.dbPath);
    held.prepare("SELECT COUNT(*) FROM tasks").get();
    addTasks(sb.dbPath, 2, "done");
    try {
      const r = await run("restore", file, "--yes");
      assert.equal(r.code, 1);
      assert.match(r.stderr, /is open in another connection .*nothing was replaced/);
      assert.equal(held.prepare("SELECT COUNT(*) FROM tasks").pluck().get(), 12);
      assert.equal(held.pragma("journal_mode", { simple: true }), "wal");
    } finally {
      held.close();
    }
    assert.equal(taskRows(sb.dbPath).length, 12);
  });

  it("exit 2 for an unknown, unrecorded or malformed snapshot name, before asking anything", async () => {
    const { sb, run } = await withSnapshot();
    writeFileSync(join(sb.snapshotDir, "dispatch-20260101-000000.db"), "not recorded");
    for (const name of ["dispatch-19990101-000000.db", "dispatch-20260101-000000.db"]) {
      const r = await run("restore", name);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown snapshot ".*"; run "oyster backups"/);
    }
    for (const name of ["../state.db", "dispatch-x.db/../../state.db", "state.db"]) {
      const r = await run("restore", name, "--yes", "--json");
      assert.equal(r.code, 2);
      assert.equal((JSON.parse(r.stdout) as { error: { code: string } }).error.code, "InvalidArgument");
    }
    assert.equal((await run("restore", "--yes")).code, 2);
  });

  it("without --yes and without a terminal: exit 3, audited as refused, nothing replaced", async () => {
    const { sb, run, file, audit } = await withSnapshot();
    addTasks(sb.dbPath, 1, "done");
    const r = await run("restore", file);
    assert.equal(r.code, 3);
    assert.equal(taskRows(sb.dbPath).length, 11);
    assert.deepEqual(audit().filter(([c]) => c === "restore"), [["restore", "refused", "refused"]]);
  });

  it("shows the plan on a terminal (what is replaced, the safety snapshot) and 'n' cancels with exit 3", async () => {
    const { sb, file } = await withSnapshot();
    const input = new PassThrough() as PassThrough & { isTTY?: boolean };
    input.isTTY = true;
    const output = new PassThrough();
    let shown = "";
    output.on("data", (d) => (shown += String(d)));
    setTimeout(() => input.write("n\n"), 20);
    const c = captureOutput();
    const code = await runCli(["restore", file], { env: sb.env, out: c.out, io: { input, output }, commands: [restore] });
    assert.equal(code, 3);
    assert.match(shown, new RegExp(`^Replace .*dispatch\\.db with ${file.replaceAll(".", "\\.")} \\(taken .*; nodes 0, tasks 10\\)`));
    assert.match(shown, /refuse if dispatch has running tasks \(0 now\)/);
    assert.match(shown, /take a safety snapshot of the current dispatch\.db first/);
    assert.equal(taskRows(sb.dbPath).length, 10);
  });

  it("refuses a snapshot changed on disk since it was taken and marks it corrupt", async () => {
    const { sb, run, file, listed } = await withSnapshot();
    const path = join(sb.snapshotDir, file);
    const db = new Database(path);
    db.prepare("DELETE FROM tasks WHERE id = 1").run();
    db.close();
    const r = await run("restore", file, "--yes");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /has changed on disk since it was taken/);
    const row = (await listed()).find((s) => s.file === file);
    assert.deepEqual([row?.verdict, row?.verified], ["corrupt", false]);
  });

  it("restores into a dispatch dir whose dispatch.db is gone (nothing to save, no safety snapshot)", async () => {
    const { sb, run, file, before } = await withSnapshot();
    for (const f of readdirSync(sb.dispatchDir)) if (f.startsWith("dispatch.db")) rmSync(join(sb.dispatchDir, f));
    assert.equal(existsSync(sb.dbPath), false);
    const r = await run("restore", file, "--yes", "--json");
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as RestoreReport).safety, null);
    assert.deepEqual(taskRows(sb.dbPath), before);
  });
});

describe("oyster restore: file modes and owner", { timeout: 60_000 }, () => {
  it("keeps the live dispatch.db's 0664 mode (not the snapshot's 0600) and writes the safety snapshot 0600 under umask 022", async () => {
    await withUmask(async () => {
      const { sb, run, file } = await withSnapshot();
      chmodSync(sb.dbPath, 0o664);
      const r = await run("restore", file, "--yes", "--json");
      assert.equal(r.code, 0, r.stderr);
      assert.equal(modeOf(sb.dbPath), "0664");
      assert.equal(modeOf(join(sb.snapshotDir, file)), "0600");
      assert.equal(modeOf(join(sb.snapshotDir, (JSON.parse(r.stdout) as RestoreReport).safety!)), "0600");
    });
  });

  it("gives a dispatch.db restored where there was none the mode SQLite would (0644 under umask 022)", async () => {
    await withUmask(async () => {
      const { sb, run, file } = await withSnapshot();
      for (const f of readdirSync(sb.dispatchDir)) if (f.startsWith("dispatch.db")) rmSync(join(sb.dispatchDir, f));
      const r = await run("restore", file, "--yes", "--json");
      assert.equal(r.code, 0, r.stderr);
      assert.equal(modeOf(sb.dbPath), "0644");
    });
  });

  it("as root, keeps the owner of the dispatch.db it replaces", { skip: process.getuid?.() !== 0 && "needs root to chown" }, async () => {
    const { sb, run, file } = await withSnapshot();
    chownSync(sb.dbPath, 65534, 65534);
    const r = await run("restore", file, "--yes", "--json");
    assert.equal(r.code, 0, r.stderr);
    const st = statSync(sb.dbPath);
    assert.deepEqual([st.uid, st.gid], [65534, 65534]);
  });
});
