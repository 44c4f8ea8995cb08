// snapshotDb when its worker thread does not come back: killed (aborted) mid-copy, or crashed.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { snapshotDb } from "../../../src/dispatch/snapshot.ts";
import { isOysterError } from "../../../src/errors.ts";
import { createOldDispatchDb } from "../../helpers/fixtures/dispatch-dbs.ts";
import { tmpDir } from "../../helpers/tmp-dir.ts";

/** Calls `fn` as soon as `path` exists, checking every turn of the event loop (no fixed sleep). */
function whenExists(path: string, fn: () => void, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (existsSync(path)) {
        fn();
        resolve();
      } else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${path}`));
      else setImmediate(check);
    };
    check();
  });
}

describe("snapshotDb with a worker that does not come back", { timeout: 60_000 }, () => {
  it("removes the temp file and rejects with a typed error when the worker is killed mid-copy", async () => {
    const dir = tmpDir();
    const src = join(dir, "dispatch.db");
    createOldDispatchDb(src, { tasks: 2_000, logs: 300, logBytes: 100_000 });
    const dest = join(dir, "snap.db");
    const abort = new AbortController();

    const snapshot = snapshotDb(src, dest, { signal: abort.signal });
    await whenExists(`${dest}.tmp`, () => abort.abort());
    await assert.rejects(snapshot, (err) => {
      assert.ok(isOysterError(err));
      assert.equal(err.code, "CommandFailed");
      assert.equal(err.details.aborted, true);
      return true;
    });
    assert.deepEqual(readdirSync(dir).sort(), ["dispatch.db"]);
  });

  it("removes the half-written temp file and its journal when the worker crashes, and says so", async () => {
    const dir = tmpDir();
    const src = join(dir, "dispatch.db");
    createOldDispatchDb(src, { tasks: 10 });
    const dest = join(dir, "snap.db");
    const crashes = new URL(
      `data:text/javascript,${encodeURIComponent(`
        import { parentPort } from "node:worker_threads";
        import { writeFileSync } from "node:fs";
        parentPort.once("message", ({ args }) => {
          writeFileSync(args.tmp, "half a copy");
          writeFileSync(args.tmp + "-journal", "and its journal");
          process.exit(134);
        });`)}`,
    );
    await assert.rejects(snapshotDb(src, dest, { workerUrl: crashes }), (err) => {
      assert.ok(isOysterError(err));
      assert.equal(err.code, "CommandFailed");
      assert.match(err.message, /SQLite worker exited \(code 134\) before finishing snapshot/);
      return true;
    });
    assert.deepEqual(readdirSync(dir).sort(), ["dispatch.db"]);
  });
});
