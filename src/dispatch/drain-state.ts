import type { Config } from "../config/index.ts";
import { OysterError } from "../errors.ts";
import { openSqlite } from "../store/sqlite-driver.ts";
import { locateDispatch, tableNames } from "./read-db.ts";

export interface DrainChange {
  name: string;
  /** The state before; null when dispatch.db had no row for the node. */
  from: string | null;
  to: string;
  /** False when the node was already in the state asked for (or, for undrain, not draining). */
  changed: boolean;
}

/** dispatch.db, which drain and undrain need: "dispatch not configured" (exit 1) when it is not there. */
export function dispatchDbFor(config: Config): string {
  const where = locateDispatch(config);
  if (where.state === "not-configured") throw new OysterError("NotConfigured", `dispatch not configured: ${where.reason}`);
  if (where.state === "no-db") throw new OysterError("NotConfigured", `dispatch not configured: ${where.db} does not exist yet (the guardian's db_schema check creates it)`);
  return where.db;
}

/**
 * The one writer of `draining` (setNodeStates never writes it, and leaves a draining node alone),
 * and of its end. `drain` takes any state to draining, inserting a row for a node dispatch has not
 * listed yet. `undrain` acts only on a draining node, giving it `to`: online, or paused when the
 * monitor still holds it for an exhausted account. One IMMEDIATE transaction: the state is read
 * and written with no other writer in between.
 */
export function writeDrainState(dbPath: string, name: string, action: "drain" | "undrain", undrainTo: "online" | "paused", now: () => Date = () => new Date()): DrainChange {
  const db = openSqlite(dbPath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    if (!tableNames(db).has("nodes")) {
      throw new OysterError("CommandFailed", `${dbPath} has no nodes table yet (the guardian's db_schema check migrates it); nothing changed`);
    }
    return db.transaction((): DrainChange => {
      const from = (db.prepare("SELECT state FROM nodes WHERE name = ?").pluck().get(name) as string | undefined) ?? null;
      const to = action === "drain" ? "draining" : undrainTo;
      if (action === "drain" ? from === "draining" : from !== "draining") return { name, from, to: from ?? "(none)", changed: false };
      const at = now().toISOString();
      if (from === null) db.prepare("INSERT INTO nodes (name, state, updated_at) VALUES (?, ?, ?)").run(name, to, at);
      else db.prepare("UPDATE nodes SET state = ?, updated_at = ? WHERE name = ?").run(to, at, name);
      return { name, from, to, changed: true };
    }).immediate();
  } finally {
    db.close();
  }
}
