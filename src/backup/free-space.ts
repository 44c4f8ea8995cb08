import { existsSync, statfsSync, statSync } from "node:fs";
import { formatBytes } from "./format.ts";

/** What we read from statfs: blocks available to an unprivileged user, and the block size. */
export type StatfsFn = (path: string) => { bavail: number | bigint; bsize: number | bigint };

/** Left free on top of what a copy needs, so a backup never takes a disk to its last block. */
export const MARGIN_BYTES = 64 * 1024 * 1024;

export interface SpaceNeed {
  dir: string;
  bytes: number;
  /** For the message: "2 × dispatch.db (112 MB)". */
  what: string;
}

export type SpaceVerdict =
  | { ok: true }
  | { ok: false; dir: string; freeBytes: number; needBytes: number; message: string };

/** Bytes free for us in `dir`'s file system (bavail, not bfree: root's reserve is not ours). */
export function freeBytes(dir: string, statfs: StatfsFn = statfsSync): number {
  const s = statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/**
 * A backup needs 2 × dispatch.db: the copy itself, and as much again so that after it the disk
 * still has room for dispatch.db to grow and for the next copy before retention prunes.
 * dispatch.db's size counts its -wal: the copy holds the pages still in the WAL too.
 */
export function backupNeed(snapshotDir: string, dbPath: string): SpaceNeed {
  const bytes = dbBytes(dbPath);
  return { dir: snapshotDir, bytes: 2 * bytes, what: `2 × dispatch.db (${formatBytes(bytes)})` };
}

export function dbBytes(dbPath: string): number {
  const wal = `${dbPath}-wal`;
  return statSync(dbPath).size + (existsSync(wal) ? statSync(wal).size : 0);
}

/**
 * Checks every need against its file system, plus the margin once per file system. Needs on the
 * same device add up (restore's safety copy and its temp copy often share one disk).
 */
export function checkSpace(needs: readonly SpaceNeed[], statfs: StatfsFn = statfsSync): SpaceVerdict {
  const byDevice = new Map<number, { dir: string; bytes: number; what: string[] }>();
  for (const n of needs) {
    const dev = statSync(n.dir).dev;
    const group = byDevice.get(dev) ?? { dir: n.dir, bytes: 0, what: [] };
    group.bytes += n.bytes;
    group.what.push(n.what);
    byDevice.set(dev, group);
  }
  for (const g of byDevice.values()) {
    const free = freeBytes(g.dir, statfs);
    const need = g.bytes + MARGIN_BYTES;
    if (free < need) {
      return {
        ok: false, dir: g.dir, freeBytes: free, needBytes: need,
        message: `not enough free space in ${g.dir}: ${formatBytes(free)} free, need ${formatBytes(need)} (${[...g.what, formatBytes(MARGIN_BYTES)].join(" + ")})`,
      };
    }
  }
  return { ok: true };
}
