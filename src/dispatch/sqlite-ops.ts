// The worker's op table: what each request of the protocol runs, inside the worker thread.
import { copyFileSync } from "node:fs";
import { countRows, integrityProblems } from "./db-checks.ts";
import { readDbFacts } from "./db-facts.ts";
import { sha256FileChunked } from "../files/sha256.ts";
import { openDispatchReadOnly } from "./read-db.ts";
import { copyAndCheck } from "./snapshot-copy.ts";
import { readStuckInputs } from "./stuck-inputs.ts";
import { readDispatchCounts } from "./summary.ts";
import type { SqliteOp, SqliteOps } from "./sqlite-worker-protocol.ts";

export type SqliteHandlers = { [K in SqliteOp]: (args: SqliteOps[K]["args"]) => Promise<SqliteOps[K]["result"]> };

export const sqliteHandlers: SqliteHandlers = {
  snapshot: ({ src, tmp }) => copyAndCheck(src, tmp),

  async verify({ path, sha256 }) {
    const actual = await sha256FileChunked(path);
    return { sha256: actual, problems: actual === sha256 ? checkFile(path) : null };
  },

  async rowCounts({ path }) {
    const db = openDispatchReadOnly(path);
    try {
      return countRows(db);
    } finally {
      db.close();
    }
  },

  async copyFile({ from, to }) {
    copyFileSync(from, to);
    return { sha256: await sha256FileChunked(to) };
  },

  async dispatchCounts({ path }) {
    return readDispatchCounts(path);
  },

  async dbFacts({ path, now }) {
    return readDbFacts(path, now);
  },

  async stuckInputs({ path, node }) {
    return readStuckInputs(path, node);
  },
};

/** A file SQLite cannot even open is a problem to report, not an error to throw. */
function checkFile(path: string): string[] {
  let db;
  try {
    db = openDispatchReadOnly(path);
    return integrityProblems(db);
  } catch (err) {
    return [(err as Error).message];
  } finally {
    db?.close();
  }
}
