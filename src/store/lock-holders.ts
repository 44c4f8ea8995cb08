import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { otherOpeners } from "../files/openers.ts";

/** A process that holds (or has open) a SQLite file, for a "busy" message: `pid 4242 (sqlite3)`. */
export interface FileHolder {
  pid: number;
  /** The process's command name, where the OS says. */
  command?: string;
  /** "lock": it holds a lock on the file (or its -shm / -wal / -journal); "open": it only has it open. */
  how: "lock" | "open";
}

// SQLite locks with POSIX fcntl locks: the database file itself in rollback-journal mode, and in
// WAL mode bytes of the -shm file (the write lock is byte 120). /proc/locks lists each with the
// holder's pid and the file's device and inode.
const COMPANIONS = ["", "-shm", "-wal", "-journal"];

/**
 * The other processes that hold a lock on `path` (a SQLite database) or its companion files, the
 * writers first; failing that, those that have it open. Linux reads /proc; elsewhere `lsof`
 * (macOS ships it) names the processes that have it open. Best effort: [] when nothing can tell.
 */
export function fileHolders(path: string, opts: { procDir?: string; self?: number } = {}): FileHolder[] {
  const procDir = opts.procDir ?? "/proc";
  const self = opts.self ?? process.pid;
  try {
    if (existsSync(`${procDir}/locks`)) {
      const locked = lockingPids(path, procDir, self);
      if (locked.length > 0) return locked.map((pid) => ({ pid, how: "lock" as const, ...commandOf(pid, procDir) }));
      return otherOpeners(path, procDir, self).map((pid) => ({ pid, how: "open" as const, ...commandOf(pid, procDir) }));
    }
    return lsofPids(path, self).map((pid) => ({ pid, how: "open" as const }));
  } catch {
    return [];
  }
}

/** `pid 4242 (sqlite3)`, `pid 4242 (sqlite3) and pid 17 (python3)`. */
export function describeHolders(holders: readonly FileHolder[]): string {
  return holders.map((h) => `pid ${h.pid}${h.command ? ` (${h.command})` : ""}`).join(" and ");
}

interface FileId {
  major: number;
  minor: number;
  ino: number;
}

function fileIds(path: string): FileId[] {
  const ids: FileId[] = [];
  for (const suffix of COMPANIONS) {
    try {
      const s = statSync(`${path}${suffix}`);
      // glibc's encoding of dev_t (what /proc/locks prints as major:minor in hex).
      const dev = BigInt(s.dev);
      const major = Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn));
      const minor = Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn));
      ids.push({ major, minor, ino: s.ino });
    } catch {
      // no such companion file
    }
  }
  return ids;
}

function lockingPids(path: string, procDir: string, self: number): number[] {
  const ids = fileIds(path);
  const writers = new Set<number>();
  const readers = new Set<number>();
  for (const line of readFileSync(`${procDir}/locks`, "utf8").split("\n")) {
    // `1: POSIX  ADVISORY  WRITE 3990 fe:00:4243616 120 120`; `1: -> ...` lines are waiters.
    const m = /^\d+:\s+(?!->)(\S+)\s+\S+\s+(READ|WRITE)\s+(-?\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/.exec(line);
    if (!m) continue;
    const pid = Number(m[3]);
    if (pid <= 0 || pid === self) continue;
    const [major, minor, ino] = [Number.parseInt(m[4]!, 16), Number.parseInt(m[5]!, 16), Number(m[6])];
    if (!ids.some((id) => id.ino === ino && id.major === major && id.minor === minor)) continue;
    (m[2] === "WRITE" ? writers : readers).add(pid);
  }
  return writers.size > 0 ? [...writers] : [...readers];
}

function commandOf(pid: number, procDir: string): { command?: string } {
  try {
    const command = readFileSync(`${procDir}/${pid}/comm`, "utf8").trim();
    return command ? { command } : {};
  } catch {
    return {};
  }
}

function lsofPids(path: string, self: number): number[] {
  try {
    const out = execFileSync("lsof", ["-t", "--", path], { encoding: "utf8", timeout: 2000, stdio: ["ignore", "pipe", "ignore"] });
    return out.split("\n").map(Number).filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== self);
  } catch {
    return [];
  }
}
