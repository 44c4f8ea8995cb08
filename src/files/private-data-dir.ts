import { chmodSync, lstatSync, readdirSync, type Stats } from "node:fs";
import { join } from "node:path";
import { ensurePrivateDir } from "./private.ts";

export interface ModeChange {
  path: string;
  /** Octal, as `ls -l` users read them: "0644". */
  from: string;
  to: string;
}

/** The dirs Oyster keeps in the data dir; each is created 0700 up front so nothing makes it wider. */
const SUBDIRS = ["logs", "snapshots", "guardian_alerts"];
/** state.db and what SQLite keeps beside it. */
const STATE_FILES = ["state.db", "state.db-wal", "state.db-shm", "state.db-journal"];

/**
 * Creates the data dir and its subdirs 0700, and takes group and other bits off what Oyster owns
 * in an existing one (an install from before files were private has 0755 dirs and 0644 files).
 * Runs before state.db and the log file are opened, so it returns what it changed for the caller
 * to log once the logger exists. Symlinks are left alone: their targets are not Oyster's.
 */
export function preparePrivateDataDir(dataDir: string): ModeChange[] {
  ensurePrivateDir(dataDir);
  const changes: ModeChange[] = [];
  tighten(dataDir, changes);
  for (const name of STATE_FILES) tighten(join(dataDir, name), changes);
  for (const sub of SUBDIRS) {
    const dir = join(dataDir, sub);
    ensurePrivateDir(dir);
    if (!tighten(dir, changes)?.isDirectory()) continue;
    for (const entry of readdirSync(dir)) tighten(join(dir, entry), changes);
  }
  return changes;
}

function tighten(path: string, changes: ModeChange[]): Stats | undefined {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch {
    return undefined; // not there: nothing to tighten
  }
  if (!st.isFile() && !st.isDirectory()) return st;
  const mode = st.mode & 0o7777;
  const tight = mode & ~0o077;
  if (tight !== mode) {
    chmodSync(path, tight);
    changes.push({ path, from: octal(mode), to: octal(tight) });
  }
  return st;
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, "0")}`;
