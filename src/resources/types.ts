/** What a node said about its disks and memory, read in a probe round trip (guardian, status, report). */

/** One mounted filesystem that holds `/`, the login home or the dispatch dir. */
export interface FilesystemUse {
  /** Where it is mounted: the name its alerts carry (`disk:/home`). */
  mount: string;
  /** The device or source, as df names it. */
  filesystem: string;
  /** df's own Capacity: used of what non-root users may use, rounded up (so 100% means full for them). */
  usedPercent: number;
  usedBytes: number;
  sizeBytes: number;
  /** null when df -Pi gave no inode figures for it (btrfs, vfat and some network filesystems have none). */
  inodesUsedPercent: number | null;
}

export interface MemoryUse {
  /** MemAvailable of MemTotal, unrounded: decisions compare it, messages round it down. */
  availablePercent: number;
  availableBytes: number;
  totalBytes: number;
}

export interface ResourceReading {
  /** Deduplicated by mount point, in the order df printed them; null when df could not be read. */
  filesystems: FilesystemUse[] | null;
  /** Why `filesystems` is null. */
  diskError?: string;
  /** Why no filesystem has inode figures, when df -Pi gave nothing usable. */
  inodesNote?: string;
  /** null when unknown (a node without /proc/meminfo); `memoryNote` says why. */
  memory: MemoryUse | null;
  memoryNote?: string;
}

/** `guardian.resources`: [warning, critical]; used % for disk and inodes, available % for memory. */
export interface ResourceThresholds {
  disk: readonly [number, number];
  inodes: readonly [number, number];
  memory: readonly [number, number];
}

/**
 * The alert's `check` for a resource: per filesystem by mount point (`disk:/`, `inodes:/home`),
 * `memory` per node; bare `disk` (df could not be read) and `inodes` (df -Pi could not) for the node.
 */
export type ResourceCheck = "disk" | "inodes" | "memory" | `disk:${string}` | `inodes:${string}`;
