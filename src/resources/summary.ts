import { fullest, sizePair } from "./format.ts";
import type { FilesystemUse, MemoryUse, ResourceReading } from "./types.ts";

/** What `status --json` adds per reachable node: the fullest filesystem, memory, and every filesystem read. */
export interface ResourceFields {
  /** The fullest of the filesystems read; null when df could not be read. */
  disk: FilesystemUse | null;
  /** null when unknown (no /proc/meminfo). */
  memory: MemoryUse | null;
  filesystems: FilesystemUse[];
  /** What could not be read, when something could not. */
  resourceNotes?: string[];
}

export function resourceFields(r: ResourceReading): ResourceFields {
  const notes = [r.diskError, r.inodesNote, r.memoryNote].filter((n): n is string => n !== undefined);
  return { disk: fullest(r.filesystems), memory: r.memory, filesystems: r.filesystems ?? [], ...(notes.length ? { resourceNotes: notes } : {}) };
}

/** "93% /home" (the fullest filesystem), "?" when unread. */
export function diskCell(disk: FilesystemUse | null | undefined): string {
  return disk ? `${disk.usedPercent}% ${disk.mount}` : "?";
}

/** "62% (4.8 of 7.8 GiB)" available, "?" when unknown. */
export function memoryCell(memory: MemoryUse | null | undefined): string {
  return memory ? `${Math.floor(memory.availablePercent)}% (${sizePair(memory.availableBytes, memory.totalBytes)})` : "?";
}
