import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { OysterError } from "../errors.ts";
import { compiledEntryUrl } from "../startup/compiled-entry.ts";
import { errorFromWire, type SqliteOp, type SqliteOps, type SqliteReply } from "./sqlite-worker-protocol.ts";

export interface SqliteJobOptions {
  /** Aborting terminates the worker; the job rejects once the thread is gone. */
  signal?: AbortSignal;
  /** The worker script; tests point it at a stand-in that crashes. Default: the compiled worker. */
  workerUrl?: URL;
}

/** The compiled worker's entry name in src/startup/compiled-entry.ts (dist/<name>.js). */
export const SQLITE_WORKER_ENTRY = "sqlite-worker";

/**
 * Runs one heavy SQLite op in a worker thread of its own; the calling thread only awaits it.
 *
 * One worker per job, not a pooled one: these jobs are rare (a daily backup, a restore, a
 * migration once in a while) and each runs for seconds, against ~30 ms to start a thread, while a
 * worker kept alive would hold better-sqlite3 and its page cache in the bot's memory all day. And
 * a worker that crashes or is killed takes only its own job with it: nothing to restart or share.
 *
 * The promise settles only after the thread has exited, whatever happened (reply, crash, abort):
 * by then nothing writes to the files the job touched, so a caller may remove them at once.
 */
export function runSqliteJob<K extends SqliteOp>(op: K, args: SqliteOps[K]["args"], opts: SqliteJobOptions = {}): Promise<SqliteOps[K]["result"]> {
  const url = opts.workerUrl ?? compiledEntryUrl(SQLITE_WORKER_ENTRY);
  if (url.protocol === "file:" && !existsSync(fileURLToPath(url))) {
    return Promise.reject(new OysterError("Internal", `the compiled SQLite worker ${fileURLToPath(url)} is missing: run \`npm run build\``, { worker: url.href }));
  }
  if (opts.signal?.aborted) return Promise.reject(aborted(op));

  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    let outcome: { ok: true; result: SqliteOps[K]["result"] } | { ok: false; error: OysterError } | undefined;
    const settleOnce = (o: NonNullable<typeof outcome>) => {
      outcome ??= o;
      void worker.terminate();
    };
    const onAbort = () => settleOnce({ ok: false, error: aborted(op) });

    worker.once("message", (reply: SqliteReply) => {
      settleOnce(reply.ok ? { ok: true, result: reply.result as SqliteOps[K]["result"] } : { ok: false, error: errorFromWire(reply.error) });
    });
    worker.once("error", (err) => {
      settleOnce({ ok: false, error: new OysterError("CommandFailed", `the SQLite worker failed during ${op}: ${err.message}`, { op }, { cause: err }) });
    });
    worker.once("exit", (code) => {
      opts.signal?.removeEventListener("abort", onAbort);
      const o = outcome ?? { ok: false, error: new OysterError("CommandFailed", `the SQLite worker exited (code ${code}) before finishing ${op}`, { op, exitCode: code }) };
      if (o.ok) resolve(o.result);
      else reject(o.error);
    });
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    worker.postMessage({ id: 1, op, args });
  });
}

function aborted(op: SqliteOp): OysterError {
  return new OysterError("CommandFailed", `${op} was stopped before it finished`, { op, aborted: true });
}
