import { existsSync } from "node:fs";
import { openSqlite, type SqliteDb } from "../store/sqlite-driver.ts";
import { OysterError } from "../errors.ts";
import { openDispatchReadOnly, tableNames } from "./read-db.ts";

export type NodeState = "online" | "offline";
export interface NodeStateChange {
  name: string;
  from: string | null;
  to: string;
}

/**
 * Records the guardian's view of which nodes dispatch may send work to. Returns only the rows it
 * changed. A node an operator set to "draining" is left alone (and so not reported): the guardian
 * must not put back to work a node someone took out of rotation on purpose.
 * One IMMEDIATE transaction, so dispatch never sees half an update.
 */
export function setNodeStates(dbPath: string, updates: Array<{ name: string; state: NodeState }>, now: () => Date = () => new Date()): NodeStateChange[] {
  for (const u of updates) {
    if (u.state !== "online" && u.state !== "offline") throw new OysterError("InvalidArgument", `node state for ${u.name} must be online or offline, not ${String(u.state)}`);
  }
  const db = openForWrite(dbPath);
  try {
    if (!tableNames(db).has("nodes")) {
      throw new OysterError("CommandFailed", `${dbPath} has no nodes table yet (the guardian's db_schema check migrates it)`);
    }
    const get = db.prepare("SELECT state FROM nodes WHERE name = ?").pluck();
    const update = db.prepare("UPDATE nodes SET state = ?, updated_at = ? WHERE name = ?");
    const insert = db.prepare("INSERT INTO nodes (name, state, updated_at) VALUES (?, ?, ?)");
    // The last word on a node wins when a batch names it twice.
    const wanted = new Map(updates.map((u) => [u.name, u.state]));
    return db.transaction(() => {
      const at = now().toISOString();
      const changed: NodeStateChange[] = [];
      for (const [name, state] of wanted) {
        const from = (get.get(name) as string | undefined) ?? null;
        if (from === state || from === "draining") continue;
        if (from === null) insert.run(name, state, at);
        else update.run(state, at, name);
        changed.push({ name, from, to: state });
      }
      return changed;
    }).immediate();
  } finally {
    db.close();
  }
}

/** Node name to state, as dispatch sees it; empty when the nodes table does not exist yet. */
export function readNodeStates(dbPath: string): Record<string, string> {
  if (!existsSync(dbPath)) throw new OysterError("NotConfigured", `${dbPath} does not exist`);
  const db = openDispatchReadOnly(dbPath);
  try {
    if (!tableNames(db).has("nodes")) return {};
    const rows = db.prepare("SELECT name, state FROM nodes ORDER BY name").all() as Array<{ name: string; state: string }>;
    return Object.fromEntries(rows.map((r) => [r.name, r.state]));
  } finally {
    db.close();
  }
}

function openForWrite(dbPath: string): SqliteDb {
  if (!existsSync(dbPath)) throw new OysterError("NotConfigured", `${dbPath} does not exist (the guardian's db_schema check creates it)`);
  const db = openSqlite(dbPath, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}
