import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensurePrivateDir, makePrivate, PRIVATE_FILE_MODE } from "../files/private.ts";
import type { FileSignatures } from "./ssh-config-files.ts";
import type { ConfiguredValues } from "./ssh-g.ts";

/** One node's answer from `ssh -G`, and the files (with their signatures) it was read from. */
export interface CachedAnswer {
  files: FileSignatures;
  values: ConfiguredValues;
}

export interface SshGCache {
  get(configFile: string, name: string): CachedAnswer | undefined;
  set(configFile: string, name: string, answer: CachedAnswer): void;
  /** Writes what changed; a no-op when nothing did. */
  save(): void;
}

const FILE = "ssh-config-cache.json";
const VERSION = 1;

const keyOf = (configFile: string, name: string) => JSON.stringify([configFile, name]);

// Without a data dir (library callers, tests) answers are kept for the process only.
const processEntries = new Map<string, CachedAnswer>();

/** The process-only cache: what `resolveFleet` uses when given no data dir. */
export function memoryCache(entries = processEntries): SshGCache {
  return {
    get: (configFile, name) => entries.get(keyOf(configFile, name)),
    set: (configFile, name, answer) => void entries.set(keyOf(configFile, name), answer),
    save: () => {},
  };
}

function readEntries(path: string): Map<string, CachedAnswer> {
  try {
    const doc = JSON.parse(readFileSync(path, "utf8")) as { version?: number; entries?: Record<string, CachedAnswer> };
    // Another version's (or a damaged) file is rebuilt, never trusted.
    if (doc.version !== VERSION || typeof doc.entries !== "object" || doc.entries === null) return new Map();
    return new Map(Object.entries(doc.entries));
  } catch {
    return new Map();
  }
}

/**
 * `<dataDir>/ssh-config-cache.json`, so a CLI call (a new process each time) does not spawn `ssh`
 * per node. 0600 like everything in the data dir: it names hosts, users and key paths. Written to
 * a temp file and renamed, so a reader never sees half of it; it is only a cache, so a lost write
 * costs one `ssh -G` batch and no fsync is spent on it.
 */
export function diskCache(dataDir: string): SshGCache {
  const path = join(dataDir, FILE);
  const entries = readEntries(path);
  let dirty = false;
  return {
    get: (configFile, name) => entries.get(keyOf(configFile, name)),
    set: (configFile, name, answer) => {
      entries.set(keyOf(configFile, name), answer);
      dirty = true;
    },
    save: () => {
      if (!dirty) return;
      ensurePrivateDir(dataDir);
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, JSON.stringify({ version: VERSION, entries: Object.fromEntries(entries) }), { mode: PRIVATE_FILE_MODE });
        makePrivate(tmp);
        renameSync(tmp, path);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
      dirty = false;
    },
  };
}
