import type { DbHealth } from "./dispatch-db-health.ts";

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  for (; v >= 1024 && i < units.length - 1; i++) v /= 1024;
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function formatAge(seconds: number | null): string {
  if (seconds === null) return "?";
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
  return `${Math.floor(seconds / 86_400)}d${Math.floor((seconds % 86_400) / 3600)}h`;
}

function lockLine(h: Extract<DbHealth, { exists: true }>): string {
  const l = h.writeLock;
  if (l.error) return `write lock: could not check (${l.error})`;
  return l.held ? `write lock: HELD by another process (no gap in ${l.timeoutMs} ms)` : `write lock: free (took it and rolled back in ${l.waitedMs} ms)`;
}

/** `oyster db` as text: one fact a line, then the running tasks oldest first. */
export function dbHealthText(h: DbHealth): string {
  if (!h.configured) return `dispatch.db: not configured: ${h.reason}`;
  if (!h.exists) return `dispatch.db (${h.db}): ${h.reason}`;
  const out = [`dispatch.db: ${h.db}`, `size: ${formatBytes(h.fileBytes)}, WAL ${h.walBytes === null ? "none" : formatBytes(h.walBytes)}`, lockLine(h)];
  if ("error" in h) return [...out, h.error].join("\n");
  out.push(`journal mode: ${h.journalMode}, page size: ${h.pageSize} B, pages: ${h.pageCount} (${h.freePages} free), busy timeout (Oyster's readers): ${h.busyTimeoutMs} ms`);
  if (h.tasks === null) return [...out, "tasks: no tasks table"].join("\n");
  out.push(`tasks: ${Object.entries(h.tasks).map(([s, n]) => `${s} ${n}`).join(", ")}`);
  if (h.runningTotal === 0) return [...out, "running: none"].join("\n");
  const more = h.runningTotal > h.running.length ? ` (oldest ${h.running.length} shown)` : "";
  out.push(`running: ${h.runningTotal}${more}, oldest first:`);
  for (const t of h.running) out.push(`  ${String(t.id).padStart(6)}  ${t.project}  ${t.node ?? "-"}  ${formatAge(t.ageSeconds)}`);
  return out.join("\n");
}
