import { existsSync } from "node:fs";
import { openSqlite, type SqliteDb } from "../store/sqlite-driver.ts";
import { OysterError } from "../errors.ts";
import { openDispatchReadOnly, tableNames } from "./read-db.ts";

/** The states Oyster writes: the guardian online/offline (and paused for a node the monitor holds), the monitor paused/online. */
export type NodeState = "online" | "offline" | "paused";
const WRITABLE: readonly string[] = ["online", "offline", "paused"];
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
export interface NodeStateUpdate {
  name: string;
  state: NodeState;
  /** Change the row only when it is in one of these states now (the monitor pauses online nodes only). */
  onlyFrom?: readonly string[];
}

export function setNodeStates(dbPath: string, updates: NodeStateUpdate[], now: () => Date = () => new Date()): NodeStateChange[] {
  for (const u of updates) {
    if (!WRITABLE.includes(u.state)) throw new OysterError("InvalidArgument", `node state for ${u.name} must be one of ${WRITABLE.join(", ")}, not ${String(u.state)}`);
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
    const wanted = new Map(updates.map((u) => [u.name, u]));
    return db.transaction(() => {
      const at = now().toISOString();
      const changed: NodeStateChange[] = [];
      for (const [name, { state, onlyFrom }] of wanted) {
        const from = (get.get(name) as string | undefined) ?? null;
        if (from === state || from === "draining") continue;
        if (onlyFrom && (from === null || !onlyFrom.includes(from))) continue;
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
