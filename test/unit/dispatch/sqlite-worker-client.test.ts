// The main-thread side of the SQLite worker, against the compiled dist/sqlite-worker.js (build
// first: `node scripts/build.mjs --no-check`) and against stand-in workers that misbehave.
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runSqliteJob } from "../../../src/dispatch/sqlite-worker-client.ts";
import { isOysterError } from "../../../src/errors.ts";
import { createInconsistentDb, createOldDispatchDb, sha256File } from "../../helpers/fixtures/dispatch-dbs.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** A worker script given inline: what the test needs it to do is right here. */
function inlineWorker(source: string): URL {
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

describe("runSqliteJob", () => {
  it("returns the worker's result: row counts of a database", async () => {
    const dir = tmpDir();
    const db = join(dir, "dispatch.db");
    createOldDispatchDb(db, { tasks: 42, logs: 3, logBytes: 100 });
    assert.deepEqual(await runSqliteJob("rowCounts", { path: db }), { task_logs: 3, tasks: 42 });
  });

  it("copies a file and hashes the copy", async () => {
    const dir = tmpDir();
    const db = join(dir, "dispatch.db");
    createOldDispatchDb(db, { tasks: 5 });
    const result = await runSqliteJob("copyFile", { from: db, to: join(dir, "copy.db") });
    assert.equal(result.sha256, sha256File(db));
    assert.equal(sha256File(join(dir, "copy.db")), sha256File(db));
  });

  it("hands back an OysterError thrown in the worker with its code and details", async () => {
    const dir = tmpDir();
    const src = join(dir, "damaged.db");
    createInconsistentDb(src);
    await assert.rejects(runSqliteJob("snapshot", { src, tmp: join(dir, "snap.tmp") }), (err) => {
      assert.ok(isOysterError(err));
      assert.equal(err.code, "CommandFailed");
      assert.match(err.message, /integrity_check/);
      assert.ok(Array.isArray(err.details.problems) && err.details.problems.length > 0);
      return true;
    });
  });

  it("verifies a file only as far as its hash: integrity_check runs when the hash matches", async () => {
    const dir = tmpDir();
    const db = join(dir, "dispatch.db");
    createOldDispatchDb(db, { tasks: 5, journal: "delete" });
    const sha = sha256File(db);
    assert.deepEqual(await runSqliteJob("verify", { path: db, sha256: sha }), { sha256: sha, problems: [] });
    assert.deepEqual(await runSqliteJob("verify", { path: db, sha256: "0".repeat(64) }), { sha256: sha, problems: null });
  });

  it("rejects with a typed error, not a hang, when the worker thread dies without replying", async () => {
    const exits = inlineWorker(`import { parentPort } from "node:worker_threads"; parentPort.once("message", () => process.exit(70));`);
    await assert.rejects(runSqliteJob("rowCounts", { path: "/nonexistent" }, { workerUrl: exits }), (err) => {
      assert.ok(isOysterError(err));
      assert.equal(err.code, "CommandFailed");
      assert.match(err.message, /exited \(code 70\) before finishing rowCounts/);
      return true;
    });
    const throws = inlineWorker(`import { parentPort } from "node:worker_threads"; parentPort.once("message", () => setImmediate(() => { throw new Error("boom in the worker"); }));`);
    await assert.rejects(runSqliteJob("rowCounts", { path: "/nonexistent" }, { workerUrl: throws }), (err) => {
      assert.ok(isOysterError(err));
      assert.equal(err.code, "CommandFailed");
      assert.match(err.message, /worker failed during rowCounts: boom in the worker/);
      return true;
    });
  });

  it("says to run `npm run build` when the compiled worker is missing", async () => {
    const missing = new URL(`file://${join(tmpDir(), "sqlite-worker.js")}`);
    await assert.rejects(runSqliteJob("rowCounts", { path: "/x" }, { workerUrl: missing }), (err) => {
      assert.ok(isOysterError(err));
      assert.equal(err.code, "Internal");
      assert.match(err.message, /sqlite-worker\.js is missing: run `npm run build`/);
      return true;
    });
  });

  it("rejects at once, starting no worker, when already aborted", async () => {
    const never = inlineWorker(`throw new Error("must not start")`);
    await assert.rejects(runSqliteJob("rowCounts", { path: "/x" }, { workerUrl: never, signal: AbortSignal.abort() }), (err) => isOysterError(err) && err.code === "CommandFailed" && err.details.aborted === true);
  });
});
