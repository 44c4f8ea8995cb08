import { statfsSync } from "node:fs";
import { formatBytes } from "../backup/format.ts";

/**
 * Below this much free space the data dir counts as full. state.db's commits, its WAL checkpoints,
 * alert files and the log all need a little room; a disk with less than this fails them one by
 * one, so Oyster says so before that rather than after.
 */
export const DATA_DIR_FULL_BELOW_BYTES = 4 * 1024 * 1024;

/** What is read from statfs (Node's statfsSync fits). */
export type SpaceStatfs = (path: string) => { bavail: number | bigint; bsize: number | bigint; blocks?: number | bigint };

export interface DataDirSpace {
  path: string;
  /** Free for this user (statfs bavail), in bytes. */
  freeBytes: number;
  totalBytes: number;
  full: boolean;
  /** One line for people, set when full. */
  problem?: string;
}

/** The data dir's free space, judged; never throws (an unreadable dir reads as not full). */
export function dataDirSpace(path: string, statfs: SpaceStatfs = statfsSync): DataDirSpace {
  let freeBytes: number;
  let totalBytes: number;
  try {
    const s = statfs(path);
    freeBytes = Number(s.bavail) * Number(s.bsize);
    totalBytes = Number(s.blocks ?? 0) * Number(s.bsize);
  } catch {
    return { path, freeBytes: Number.NaN, totalBytes: Number.NaN, full: false };
  }
  const full = freeBytes < DATA_DIR_FULL_BELOW_BYTES;
  return { path, freeBytes, totalBytes, full, ...(full ? { problem: fullProblem(path, freeBytes) } : {}) };
}

export function fullProblem(path: string, freeBytes: number): string {
  return `data dir ${path} is full (${formatBytes(freeBytes)} free): job runs, alerts and the outbox cannot be recorded until space is freed there`;
}
