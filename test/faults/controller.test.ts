// Fault suite, class "controller": the Oyster process itself dies or is starved. SIGKILL lands in
// the middle of a backup, a sync, a dispatch.db migration, a delivery and a restore, each time at a
// real kill point (a temp file seen growing, an outbox row seen `sending` while the mail server
// holds its message); another process holds state.db or dispatch.db locked past the busy timeout;
// the data dir's disk fills up under the running bot. Every case runs the compiled product
// (`node bin/oyster.js`, `node dist/main.js`: build first) against real SQLite files, real sshd
// nodes, a real SMTP server and the Slack stand-in, and ends by letting a fresh process finish the
// work. Databases are made big (tens of MB) so that the work lasts long enough to be killed in.
import assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { after, describe } from "node:test";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import { alertEventKey } from "../../src/notify/event-key.ts";
import { Outbox } from "../../src/notify/outbox.ts";
import { inspectDispatchSchema } from "../../src/dispatch/schema.ts";
import { compiledEntryPath } from "../../src/startup/compiled-entry.ts";
import { openStore } from "../../src/store/index.ts";
import { alertEvent } from "../helpers/alert-events.ts";
import { createContractDb, createOldDispatchDb, sha256File } from "../helpers/fixtures/dispatch-dbs.ts";
import { parseMail } from "../helpers/parse-mail.ts";
import { freePorts } from "../helpers/rig/free-ports.ts";
import { startRig, type Rig } from "../helpers/rig/index.ts";
import { runOyster } from "../helpers/run-oyster.ts";
import { startStandIn } from "../helpers/slack-standin/index.ts";
import { SmtpSink } from "../helpers/smtp-sink.ts";
import { PROJECT_ROOT } from "../helpers/spawn-tsx.ts";
import { tmpDir } from "../helpers/tmp-dir.ts";
import { waitUntil } from "../helpers/wait-until.ts";
import { makeSyncFleet } from "../integration/sync/sync-fixture.ts";
import { fault } from "./fault-case.ts";

const MiB = 1024 * 1024;
const NEVER = "0 0 1 1 *";
const QUIET_SCHEDULES = { monitor: NEVER, backup: NEVER, sync: NEVER, report: NEVER };

// --- a controller on disk ---------------------------------------------------------------------

interface Controller {
  root: string;
  configDir: string;
  dataDir: string;
  dispatchDir: string;
  dbPath: string;
  snapshotDir: string;
  env: NodeJS.ProcessEnv;
}

/** Config, data and dispatch dirs for one Oyster, no fleet unless `nodes` is given. */
function controller(opts: { oyster?: Record<string, unknown>; guardian?: Record<string, unknown>; nodes?: unknown[]; env?: NodeJS.ProcessEnv; dataDir?: string } = {}): Controller {
  const root = tmpDir("oyster-ctl-");
  const configDir = join(root, "config");
  const dataDir = opts.dataDir ?? join(root, "data");
  const dispatchDir = join(root, "dispatch");
  for (const d of [configDir, dispatchDir]) mkdirSync(d);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(configDir, "oyster.json"), JSON.stringify({ ...opts.oyster, dispatch: { dir: dispatchDir } }));
  if (opts.guardian) writeFileSync(join(configDir, "guardian_config.json"), JSON.stringify(opts.guardian));
  if (opts.nodes) writeFileSync(join(configDir, "nodes.json"), JSON.stringify({ nodes: opts.nodes }));
  const env = { PATH: process.env.PATH, HOME: root, OYSTER_CONFIG_DIR: configDir, OYSTER_DATA_DIR: dataDir, ...opts.env };
  return { root, configDir, dataDir, dispatchDir, dbPath: join(dispatchDir, "dispatch.db"), snapshotDir: join(dataDir, "snapshots"), env };
}

/** A dispatch.db of about `mb` MB (dispatch's own big table of task logs makes up most of it). */
function bigDispatchDb(path: string, mb: number, schema: "old" | "contract" = "old"): void {
  if (schema === "old") {
    createOldDispatchDb(path, { tasks: 500, logs: mb * 10, logBytes: 100_000 });
    return;
  }
  createContractDb(path);
  const db = new Database(path);
  db.exec("CREATE TABLE task_logs (task_id INTEGER, log TEXT)");
  db.transaction(() => {
    db.prepare(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 500) INSERT INTO tasks (project, node, status, created_at) SELECT 'p', 'n', 'done', '2026-01-01T00:00:00Z' FROM c`).run();
    db.prepare(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?) INSERT INTO task_logs SELECT i, hex(randomblob(50000)) FROM c`).run(mb * 10);
  })();
  db.close();
}

function query<T>(path: string, sql: string): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as T;
  } finally {
    db.close();
  }
}

const integrity = (path: string) => execFileSync("sqlite3", [path, "PRAGMA integrity_check"], { encoding: "utf8" }).trim();
const taskCount = (path: string) => query<number>(path, "SELECT COUNT(*) FROM tasks");

// --- processes ---------------------------------------------------------------------------------

interface Proc {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

function startProcess(args: string[], env: NodeJS.ProcessEnv, entry = join(PROJECT_ROOT, "bin/oyster.js")): Proc {
  const child = spawn(process.execPath, [entry, ...args], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = once(child, "exit").then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  live.push(child);
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

const startCli = (args: string[], env: NodeJS.ProcessEnv) => startProcess(args, env);

async function startBot(env: NodeJS.ProcessEnv): Promise<Proc> {
  const bot = startProcess([], env, compiledEntryPath("main"));
  await waitUntil(() => bot.stderr().includes("oyster running") || bot.child.exitCode !== null, () => `the bot to start; it said:\n${bot.stderr()}`, 30_000);
  assert.equal(bot.child.exitCode, null, bot.stderr());
  return bot;
}

const live: ChildProcess[] = [];
after(() => {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

/**
 * Polls every few milliseconds until `point` holds, then SIGKILLs `proc`: the kill lands while the
 * work is in progress (the process must still be running then, or the case proves nothing).
 */
async function killAt(proc: Proc, point: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (point()) break;
    if (proc.child.exitCode !== null) throw new Error(`the process ended (exit ${proc.child.exitCode}) before ${what}:\n${proc.stdout()}\n${proc.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 3));
  }
  proc.child.kill("SIGKILL");
  const end = await proc.exited;
  assert.deepEqual(end, { code: null, signal: "SIGKILL" }, `killed at ${what}, not finished before it:\n${proc.stderr()}`);
}

const sizeOf = (path: string) => statSync(path, { throwIfNoEntry: false })?.size ?? 0;
const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

async function json(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; doc: any; stderr: string }> {
  const r = await runOyster([...args, "--json"], env);
  let doc: unknown;
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    throw new Error(`oyster ${args.join(" ")} printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, doc, stderr: r.stderr };
}

/** An `oyster` that failed the way a person should see it: a message, no stack, no crash report. */
function assertNoCrash(text: string): void {
  assert.doesNotMatch(text, /command crashed|\n\s+at .+:\d+:\d+|Internal/, text);
}

/**
 * Another process (an operator's `sqlite3` shell) holding `db`'s write lock until `release()`.
 * SQLite's own tool, so the lock is a real one that Oyster cannot see inside.
 */
async function holdWriteLock(db: string): Promise<{ pid: number; release(): Promise<void> }> {
  const child = spawn("sqlite3", [db], { stdio: ["pipe", "pipe", "pipe"] });
  live.push(child);
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  child.stdin.write(".timeout 10000\nBEGIN IMMEDIATE;\nSELECT 'held';\n");
  await waitUntil(() => out.includes("held") || child.exitCode !== null, () => `sqlite3 to take the lock on ${db}: ${out}`);
  assert.equal(child.exitCode, null, out);
  return {
    pid: child.pid!,
    async release() {
      child.stdin.end("ROLLBACK;\n.quit\n");
      await once(child, "exit");
    },
  };
}

// --- the mail server that takes a message and then hangs before saying so --------------------

/**
 * A real SMTP server on loopback. It keeps every message it is given; while `stallAt` is set,
 * the message with that number is kept but never acknowledged: the sender cannot know it got
 * through, which is exactly where a crash can only ever cause a duplicate.
 */
async function stallingSmtp(): Promise<{ url: string; keys(): string[]; stallAt: number | undefined; stalled: boolean; close(): Promise<void> }> {
  const [port] = await freePorts(1);
  const keys: string[] = [];
  const state = { stallAt: undefined as number | undefined, stalled: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        keys.push(parseMail(Buffer.concat(chunks).toString("utf8")).headers.get("x-oyster-key") ?? "");
        if (state.stallAt === keys.length) {
          state.stalled = true; // accepted and kept, never answered
          return;
        }
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    keys: () => [...keys],
    get stallAt() {
      return state.stallAt;
    },
    set stallAt(n) {
      state.stallAt = n;
    },
    get stalled() {
      return state.stalled;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function outboxRows(dataDir: string): Array<{ key: string; status: string }> {
  return queryAll(join(dataDir, "state.db"), "SELECT key, status FROM outbox ORDER BY id");
}

function queryAll<T>(path: string, sql: string): T[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

function lastRuns(dataDir: string, job: string): Array<{ id: number; outcome: string; summary: string | null }> {
  return queryAll(join(dataDir, "state.db"), `SELECT id, outcome, summary FROM job_runs WHERE job = '${job}' ORDER BY id`);
}

// --- the cases -----------------------------------------------------------------------------------

describe("fault suite: controller", () => {
  fault(
    "controller",
    { broken: "SIGKILL during a backup (48 MB dispatch.db, copy half done)", holds: "no partial snapshot listed or kept; jobs shows the run interrupted; the next run takes a whole, verified one", quick: true },
    async () => {
      const c = controller();
      bigDispatchDb(c.dbPath, 48);
      const tasks = taskCount(c.dbPath);

      const first = startCli(["backup", "--json"], c.env);
      let tmp = "";
      await killAt(first, () => {
        tmp = filesIn(c.snapshotDir).find((f) => f.endsWith(".db.tmp")) ?? "";
        return tmp !== "" && sizeOf(join(c.snapshotDir, tmp)) > 4 * MiB;
      }, "a snapshot temp file being written");

      const listed = await json(["backups"], c.env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(listed.doc.snapshots, [], "a half-made copy is never listed as a backup");
      const jobs = await json(["jobs"], c.env);
      const backupJob = jobs.doc.jobs.find((j: { name: string }) => j.name === "backup");
      assert.equal(backupJob.lastRun.outcome, "failed");
      assert.match(backupJob.lastRun.summary, /^interrupted: /);

      const again = await json(["backup"], c.env);
      assert.equal(again.code, 0, again.stderr);
      assert.equal(again.doc.outcome, "ok");
      assert.ok(again.doc.strays.includes(tmp), `the dead run's ${tmp} was swept: ${JSON.stringify(again.doc.strays)}`);
      const file: string = again.doc.snapshot.file;
      assert.deepEqual(filesIn(c.snapshotDir), [file], "only the new, whole snapshot is left");
      assert.equal(integrity(join(c.snapshotDir, file)), "ok");
      assert.equal(taskCount(join(c.snapshotDir, file)), tasks);
      assert.equal(sha256File(join(c.snapshotDir, file)), again.doc.snapshot.sha256);
      const relisted = await json(["backups"], c.env);
      assert.deepEqual(relisted.doc.snapshots.map((s: { file: string; verified: boolean }) => [s.file, s.verified]), [[file, true]]);
      const runs = lastRuns(c.dataDir, "backup");
      assert.deepEqual(runs.map((r) => r.outcome), ["failed", "ok"], "the killed run is closed as interrupted, not left running forever");
    },
  );

  fault(
    "controller",
    { broken: "SIGKILL during a sync (a 16 MB file half uploaded to 3 nodes)", holds: "each node holds the old or the new file whole, never a partial one; the next sync completes every node and sweeps the dead upload's temp file", quick: true },
    async () => {
      const rig: Rig = await startRig(3);
      try {
        const fleet = makeSyncFleet(rig, { ssh: { connectTimeoutMs: 2000, commandTimeoutMs: 60_000 } });
        const big = (v: string) => `# dispatch.py ${v}\n${`# ${v} ${"x".repeat(1000)}\n`.repeat(16_000)}`;
        // Every node holds the old dispatch.py (as an earlier sync left it); the controller has a new one.
        const oldText = big("v1");
        for (const n of rig.nodes) fleet.putOnNode(n.name, "dispatch.py", oldText);
        const newText = big("v2");
        fleet.write("dispatch.py", newText);
        const hashes = new Set([oldText, newText].map((t) => createHash("sha256").update(t).digest("hex")));
        const tempsOn = (node: string) => filesIn(rig.node(node).dispatchDir).filter((f) => f.includes(".oyster-") && f.endsWith(".tmp"));

        const sync = startCli(["sync", "--yes", "--json"], fleet.env);
        await killAt(sync, () => rig.nodes.some((n) => tempsOn(n.name).some((t) => sizeOf(join(n.dispatchDir, t)) > 2 * MiB)), "a temp file being uploaded to a node");

        const held: string[] = [];
        for (const n of rig.nodes) {
          const path = join(n.dispatchDir, "dispatch.py");
          const hash = sha256File(path);
          assert.ok(hashes.has(hash), `${n.name} holds a dispatch.py that is neither the old nor the new one (${sizeOf(path)} bytes)`);
          held.push(readFileSync(path, "utf8").startsWith("# dispatch.py v2") ? "new" : "old");
        }
        assert.ok(held.includes("old"), `the kill came before every node had the new file: ${held.join(", ")}`);

        // The upload cut off left its partial temp file on the node. Aged past the sweep's limit
        // (STALE_TEMP_MINUTES: a live upload keeps writing to its temp), as an hour later.
        const leftovers = rig.nodes.flatMap((n) => tempsOn(n.name).map((t) => join(n.dispatchDir, t)));
        assert.ok(leftovers.length > 0, "the kill cut an upload off mid-file");
        const anHourAgo = new Date(Date.now() - 3600_000);
        for (const f of leftovers) utimesSync(f, anHourAgo, anHourAgo);

        const done = await fleet.run(["sync", "--yes"]);
        assert.equal(done.code, 0, JSON.stringify(done.doc));
        for (const n of rig.nodes) fleet.assertMatches(n.name);
        assert.deepEqual(rig.nodes.flatMap((n) => tempsOn(n.name)), [], "the dead upload's partial file is swept from the node");
      } finally {
        await rig.close();
      }
    },
  );

  fault(
    "controller",
    { broken: "SIGKILL during a dispatch.db migration (old schema, 48 MB): mid premigration snapshot, and the instant it is in place", holds: "the schema is the old or the new one, never in between; the next run migrates; the premigration snapshot exists, whole, and no half-made copy is left", quick: true },
    async () => {
      // Each kill point on a database of its own: two killed fixes would spend the db_schema
      // incident's whole fix budget (max_fix_attempts, 2), by design, and a third run then waits
      // for `check --rearm` (a fix that kills its process every time must not loop).
      const points: Array<[string, (snapshots: string[], dir: string) => boolean]> = [
        ["the premigration snapshot being copied", (snaps, dir) => snaps.some((f) => f.endsWith(".db.tmp") && sizeOf(join(dir, f)) > 4 * MiB)],
        // The migration's one transaction comes right after this.
        ["the premigration snapshot in place", (snaps) => snaps.some((f) => f.endsWith(".db"))],
      ];
      for (const [what, point] of points) {
        const c = controller({ oyster: { schedules: QUIET_SCHEDULES } });
        bigDispatchDb(c.dbPath, 48, "old");
        const tasks = taskCount(c.dbPath);
        const schema = () => inspectDispatchSchema(c.dbPath);
        const oldState = schema();
        assert.equal(oldState.kind, "outdated");
        const snapshots = () => filesIn(c.snapshotDir).filter((f) => f.startsWith("dispatch-premigrate-"));

        const killed = startCli(["check", "db_schema", "--json"], c.env);
        await killAt(killed, () => point(snapshots(), c.snapshotDir), what);
        const between = schema();
        assert.ok(between.kind === "current" || JSON.stringify(between) === JSON.stringify(oldState), `killed at ${what}: old or new schema, never in between: ${JSON.stringify(between)}`);
        assert.equal(integrity(c.dbPath), "ok");
        assert.equal(taskCount(c.dbPath), tasks);

        const done = await json(["check", "db_schema"], c.env);
        assert.equal(done.code, 0, `after a kill at ${what}: ${JSON.stringify(done.doc)}`);
        assert.deepEqual(schema(), { kind: "current", version: 2 });
        assert.equal(integrity(c.dbPath), "ok");
        assert.equal(taskCount(c.dbPath), tasks);
        assert.deepEqual(snapshots().filter((f) => !f.endsWith(".db")), [], `after a kill at ${what}: no half-made premigration copy is left`);
        const whole = snapshots().filter((f) => f.endsWith(".db"));
        assert.ok(whole.length >= 1, "the premigration snapshot exists");
        for (const f of whole) {
          assert.equal(integrity(join(c.snapshotDir, f)), "ok");
          assert.equal(taskCount(join(c.snapshotDir, f)), tasks);
          assert.equal(inspectDispatchSchema(join(c.snapshotDir, f)).kind, "outdated", "a premigration snapshot holds the schema from before");
        }
      }
    },
  );

  fault(
    "controller",
    { broken: "bot SIGKILLed mid-delivery: the mail server has taken message 3 of 6 but not yet said so (row `sending`)", holds: "after a restart every alert is delivered; only the one in flight arrives twice", quick: true },
    async () => {
      const smtp = await stallingSmtp();
      try {
        const c = controller({ oyster: { email: { from: "oyster@test.invalid", to: ["ops@test.invalid"] }, schedules: QUIET_SCHEDULES }, guardian: { interval_seconds: 3600 } });
        const env = { ...c.env, SMTP_URL: smtp.url };
        // Six alert events queued by an earlier run (the outbox is written before anything is sent).
        const store = openStore(c.dataDir);
        const events = [1, 2, 3, 4, 5, 6].map((i) => alertEvent("raised", { id: `A${i}`, node: `node-${i}`, message: `node-${i} does not answer` }));
        const outbox = new Outbox(store.db);
        for (const e of events) outbox.enqueue(alertEventKey(e), { kind: "alert-event", event: e });
        store.close();
        const keys = events.map(alertEventKey);

        smtp.stallAt = 3;
        const bot = await startBot(env);
        await killAt(bot, () => smtp.stalled && outboxRows(c.dataDir).filter((r) => r.status === "sending").length === 1, "message 3 taken by the server and its row still sending");
        assert.deepEqual(outboxRows(c.dataDir).map((r) => r.status), ["delivered", "delivered", "sending", "pending", "pending", "pending"]);

        smtp.stallAt = undefined;
        const restarted = await startBot(env);
        await waitUntil(() => outboxRows(c.dataDir).every((r) => r.status === "delivered"), () => `every alert delivered: ${JSON.stringify(outboxRows(c.dataDir))}`, 30_000);
        assert.match(restarted.stderr(), /notifications were in flight when Oyster stopped; sending them again/);
        restarted.child.kill("SIGTERM");
        assert.deepEqual(await restarted.exited, { code: 0, signal: null }, restarted.stderr());

        const got = smtp.keys();
        for (const k of keys) assert.ok(got.includes(k), `${k} was delivered`);
        const counts = keys.map((k) => got.filter((g) => g === k).length);
        assert.deepEqual(counts, [1, 1, 2, 1, 1, 1], "nothing lost; the one in flight at the kill is the only duplicate");
      } finally {
        await smtp.close();
      }
    },
  );

  fault(
    "controller",
    { broken: "SIGKILL during a restore (48 MB dispatch.db; during the safety snapshot, then while the copy is made beside dispatch.db)", holds: "the live dispatch.db is the old or the new one, whole, never missing; the next restore completes and leaves no work files", quick: true },
    async () => {
      const c = controller();
      bigDispatchDb(c.dbPath, 48, "contract");
      const taken = await json(["backup"], c.env);
      assert.equal(taken.code, 0, taken.stderr);
      const snapshot: string = taken.doc.snapshot.file;
      // dispatch.db moves on after the backup: 40 more tasks.
      const db = new Database(c.dbPath);
      db.prepare(`WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 40) INSERT INTO tasks (project, status, created_at) SELECT 'later', 'done', '2026-02-01T00:00:00Z' FROM c`).run();
      db.close();
      const oldTasks = taskCount(c.dbPath);
      const newTasks = taskCount(join(c.snapshotDir, snapshot));
      assert.equal(oldTasks, newTasks + 40);
      const liveIsWhole = () => {
        assert.ok(existsSync(c.dbPath), "dispatch.db is never missing");
        assert.equal(integrity(c.dbPath), "ok");
        const n = taskCount(c.dbPath);
        assert.ok(n === oldTasks || n === newTasks, `dispatch.db is the old (${oldTasks} tasks) or the new one (${newTasks}), not ${n}`);
        return n === oldTasks ? "old" : "new";
      };
      const restoreTemps = () => filesIn(c.dispatchDir).filter((f) => f.includes(".restore-"));

      // 1. While the safety snapshot of the live dispatch.db is copied.
      const first = startCli(["restore", snapshot, "--yes", "--json"], c.env);
      await killAt(first, () => filesIn(c.snapshotDir).some((f) => f.startsWith("dispatch-safety-") && f.endsWith(".db.tmp") && sizeOf(join(c.snapshotDir, f)) > 4 * MiB), "the safety snapshot being copied");
      assert.equal(liveIsWhole(), "old");

      // 2. While the snapshot is copied beside dispatch.db, before the swap.
      const second = startCli(["restore", snapshot, "--yes", "--json"], c.env);
      await killAt(second, () => restoreTemps().some((f) => sizeOf(join(c.dispatchDir, f)) > 4 * MiB), "the restore's copy being written beside dispatch.db");
      assert.equal(liveIsWhole(), "old");
      assert.ok(restoreTemps().length > 0, "the dead run's copy is still there before the next run");

      // 3. A fresh restore completes, and cleans up after the dead ones.
      const done = await json(["restore", snapshot, "--yes"], c.env);
      assert.equal(done.code, 0, done.stderr);
      assert.equal(liveIsWhole(), "new");
      assert.equal(query<string>(c.dbPath, "PRAGMA journal_mode"), "wal");
      assert.deepEqual(restoreTemps(), [], "no copy of an interrupted restore is left beside dispatch.db");
      assert.deepEqual(filesIn(c.snapshotDir).filter((f) => f.includes(".tmp")), [], "no half-made safety snapshot is left");
      const listed = await json(["backups"], c.env);
      for (const s of listed.doc.snapshots) assert.ok(s.verified && s.present, `${s.file} is listed whole`);
      assert.equal(listed.doc.snapshots.find((s: { file: string }) => s.file === done.doc.safety)?.rows.tasks, oldTasks, "the safety snapshot holds the replaced database");
    },
  );

  fault(
    "controller",
    { broken: "state.db and dispatch.db write-locked by another process (sqlite3) past the busy timeout, from the CLI", holds: "exit 1, code Busy, the message names the file and the holder's pid; no crash report; reading commands still answer", quick: true },
    async () => {
      const c = controller({ nodes: [{ name: "node-1", host: "127.0.0.1", port: 1 }] });
      createContractDb(c.dbPath);
      assert.equal((await json(["jobs"], c.env)).code, 0);

      const state = join(c.dataDir, "state.db");
      const holder = await holdWriteLock(state);
      try {
        const text = await runOyster(["backup"], c.env);
        assert.equal(text.code, 1, text.stderr);
        assert.match(text.stderr, new RegExp(`^oyster: state\\.db is busy: ${state.replaceAll(".", "\\.")} is locked by pid ${holder.pid} \\(sqlite3\\)`, "m"));
        assertNoCrash(text.stderr + text.stdout);
        const doc = await json(["silence", "add", "--node", "node-1", "--for", "1h"], c.env);
        assert.equal(doc.code, 1);
        assert.equal(doc.doc.error.code, "Busy");
        assert.match(doc.doc.error.message, new RegExp(`${state.replaceAll(".", "\\.")} is locked by pid ${holder.pid}`));
        assertNoCrash(doc.stderr);
        // Reading needs no write lock: jobs and backups answer as usual meanwhile.
        const read = await json(["jobs"], c.env);
        assert.equal(read.code, 0, read.stderr);
        assert.ok(read.doc.jobs.length > 0);
        assert.equal((await json(["backups"], c.env)).code, 0);
      } finally {
        await holder.release();
      }

      const dispatch = await holdWriteLock(c.dbPath);
      try {
        const drain = await json(["nodes", "drain", "node-1", "--yes"], c.env);
        assert.equal(drain.code, 1, JSON.stringify(drain.doc));
        assert.equal(drain.doc.error.code, "Busy");
        assert.match(drain.doc.error.message, new RegExp(`${c.dbPath.replaceAll(".", "\\.")} is locked by pid ${dispatch.pid} \\(sqlite3\\)`));
        assertNoCrash(drain.stderr);
      } finally {
        await dispatch.release();
      }
      // Once let go, the same commands work.
      const drained = await json(["nodes", "drain", "node-1", "--yes"], c.env);
      assert.equal(drained.code, 0, JSON.stringify(drained.doc));
      assert.equal((await json(["silence", "add", "--node", "node-1", "--for", "1h"], c.env)).code, 0);
    },
  );

  fault(
    "controller",
    { broken: "dispatch.db, then state.db, write-locked by another process while the bot runs its guardian every 5 s (state.db for longer than a heartbeat)", holds: "a run that meets dispatch.db locked is recorded as failed with a Busy message naming the file and pid; the bot never exits, logs which file, and runs clean once the locks go", timeoutMs: 180_000 },
    async () => {
      const c = controller({ nodes: [{ name: "node-1", host: "127.0.0.1", port: 1 }], guardian: { interval_seconds: 5 }, oyster: { schedules: QUIET_SCHEDULES } });
      const bot = await startBot(c.env);
      const runs = () => lastRuns(c.dataDir, "guardian");
      // The first run creates dispatch.db (db_schema) and records node-1 (down) in it.
      await waitUntil(() => existsSync(c.dbPath) && runs().some((r) => r.outcome !== "running"), "a first guardian run", 30_000);

      const dispatch = await holdWriteLock(c.dbPath);
      let busyRun;
      try {
        busyRun = await waitUntil(() => runs().find((r) => r.summary?.startsWith("Busy:")), () => `a guardian run that met the lock: ${JSON.stringify(runs())}`, 40_000);
      } finally {
        await dispatch.release();
      }
      assert.equal(busyRun.outcome, "failed");
      assert.match(busyRun.summary!, new RegExp(`^Busy: dispatch\\.db is busy: ${c.dbPath.replaceAll(".", "\\.")} is locked by pid ${dispatch.pid} \\(sqlite3\\)`));
      await waitUntil(() => runs().some((r) => r.id > busyRun.id && r.outcome !== "running" && !r.summary?.startsWith("Busy:")), "a guardian run after the lock went", 30_000);

      // state.db itself: nothing can be recorded while it is held, past the 30 s heartbeat.
      const state = await holdWriteLock(join(c.dataDir, "state.db"));
      const before = bot.stderr().length;
      try {
        await waitUntil(() => /database is locked \(.*state\.db\)/.test(bot.stderr().slice(before)), () => `the bot to say which database is locked:\n${bot.stderr().slice(before)}`, 30_000);
        await waitUntil(() => bot.stderr().slice(before).includes("bot heartbeat not written"), () => `a missed heartbeat:\n${bot.stderr().slice(before)}`, 45_000);
        assert.equal(bot.child.exitCode, null, bot.stderr());
      } finally {
        await state.release();
      }
      const lastBefore = runs().at(-1)!.id;
      await waitUntil(() => runs().some((r) => r.id > lastBefore && r.outcome !== "running"), "a guardian run recorded again", 30_000);
      assertNoCrash(bot.stderr().replace(/Internal/g, ""));
      bot.child.kill("SIGTERM");
      assert.deepEqual(await bot.exited, { code: 0, signal: null }, bot.stderr());
    },
  );

  fault(
    "controller",
    { broken: "the data dir's disk full (a 16 MB tmpfs, filled) under the running bot; Slack answering 500", holds: "the bot keeps running, logs it, `jobs` and /healthz say so, and the alert arrives by email; once space is back: an all-clear and clean runs", timeoutMs: 180_000 },
    async (t) => {
      const root = tmpDir("oyster-full-");
      const dataDir = join(root, "data");
      mkdirSync(dataDir);
      try {
        execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", dataDir], { stdio: "pipe" });
      } catch (err) {
        return t.skip(`cannot mount a tmpfs here (${(err as Error).message.split("\n")[0]}): needs root`);
      }
      const sink = await SmtpSink.start();
      const standIn = await startStandIn();
      let bot: Proc | undefined;
      try {
        const [httpPort] = await freePorts(1);
        const c = controller({
          dataDir,
          guardian: { interval_seconds: 5 },
          oyster: { schedules: QUIET_SCHEDULES, email: { from: "oyster@test.invalid", to: ["ops@test.invalid"] }, slack: { alertChannel: "CALERTS" }, http: { port: httpPort } },
        });
        const env = { ...c.env, SMTP_URL: sink.url(), SLACK_BOT_TOKEN: "xoxb-test", SLACK_APP_TOKEN: "xapp-test", SLACK_API_URL: standIn.apiUrl };
        bot = await startBot(env);
        await waitUntil(() => lastRuns(dataDir, "guardian").some((r) => r.outcome === "ok"), "a first guardian run", 30_000);
        standIn.misbehave({ kind: "http500", methods: ["chat.postMessage"] });

        // Fill the disk to its last byte.
        const filler = join(dataDir, "filler");
        const fd = openSync(filler, "w");
        const chunk = Buffer.alloc(MiB, 1);
        try {
          for (;;) writeSync(fd, chunk);
        } catch (err) {
          assert.equal((err as NodeJS.ErrnoException).code, "ENOSPC");
        } finally {
          closeSync(fd);
        }
        const fullAt = bot.stderr().length;
        await waitUntil(() => bot!.stderr().includes("data dir is full"), () => `the bot to say the data dir is full:\n${bot!.stderr().slice(fullAt)}`, 20_000);
        const mail = await waitUntil(() => sink.messages.find((m) => /data dir full/.test(m.subject)), "the alert by email", 60_000);
        assert.ok(mail.text.includes(`data dir ${dataDir} is full`), mail.text);
        const jobs = await json(["jobs"], c.env);
        assert.equal(jobs.code, 1, "jobs says something is wrong");
        assert.equal(jobs.doc.dataDir.full, true);
        const text = await runOyster(["jobs"], c.env);
        assert.match(text.stdout, /^DATA DIR FULL: data dir .* is full/m);
        const health = await fetch(`http://127.0.0.1:${httpPort}/healthz`);
        const body = (await health.json()) as { problems: string[] };
        assert.equal(health.status, 503);
        assert.ok(body.problems.some((p) => /data dir .* is full/.test(p)), JSON.stringify(body));
        // Guardian runs come and go meanwhile; the bot stays up through several.
        const seen = bot.stderr().length;
        await waitUntil(() => (bot!.stderr().slice(seen).match(/database or disk is full/g)?.length ?? 0) >= 2, "two guardian runs on the full disk", 30_000);
        assert.equal(bot.child.exitCode, null, bot.stderr());

        // Space is back, and Slack with it: the all-clear goes through the outbox as usual.
        standIn.misbehave({ kind: "ok" });
        rmSync(filler);
        await waitUntil(() => bot!.stderr().includes("data dir has room again"), "the bot to see the room", 20_000);
        await waitUntil(() => standIn.messages("CALERTS").some((m) => /has room again/.test(m.text ?? "")), "the all-clear in Slack", 60_000);
        await waitUntil(() => sink.messages.some((m) => /has room again/.test(m.subject)), "the all-clear by email", 60_000);
        const lastFull = lastRuns(dataDir, "guardian").at(-1)!.id;
        await waitUntil(() => lastRuns(dataDir, "guardian").some((r) => r.id > lastFull && r.outcome === "ok"), "a clean guardian run after", 30_000);
        assert.equal(integrity(join(dataDir, "state.db")), "ok");
        bot.child.kill("SIGTERM");
        assert.deepEqual(await bot.exited, { code: 0, signal: null }, bot.stderr());
      } finally {
        if (bot && bot.child.exitCode === null) {
          bot.child.kill("SIGKILL");
          await bot.exited;
        }
        await standIn.close();
        await sink.stop();
        execFileSync("umount", ["-l", dataDir]);
      }
    },
  );
});
