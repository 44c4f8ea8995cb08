// How snapshots read in summaries, plans and the `backups` table.

/** 117_440_512 -> "112 MB", 1_288_490_188 -> "1.20 GB", 5_000 -> "0.0 MB" (binary units, as du -h). */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1024) return `${(mb / 1024).toFixed(2)} GB`;
  return mb >= 10 ? `${Math.round(mb)} MB` : `${mb.toFixed(1)} MB`;
}

/** {"nodes": 3, "tasks": 20000} -> "nodes 3, tasks 20000". */
export function formatRows(rows: Record<string, number>): string {
  return Object.entries(rows).map(([t, n]) => `${t} ${n}`).join(", ") || "no tables";
}
