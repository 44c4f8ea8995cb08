import type { MemoryUse } from "./types.ts";

/** `/proc/meminfo` ("MemTotal:  8049136 kB"): available memory, or null when it says too little. */
export function parseMeminfo(text: string): MemoryUse | null {
  const kb = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(\w+):\s+(\d+)\s*kB$/.exec(line.trim());
    if (m) kb.set(m[1] as string, Number(m[2]));
  }
  const total = kb.get("MemTotal");
  if (!total) return null;
  // Kernels before 3.14 have no MemAvailable: free plus page cache is the old, slightly generous estimate.
  let available = kb.get("MemAvailable");
  if (available === undefined) {
    const free = kb.get("MemFree");
    if (free === undefined) return null;
    available = free + (kb.get("Buffers") ?? 0) + (kb.get("Cached") ?? 0);
  }
  return { availablePercent: (available * 100) / total, availableBytes: available * 1024, totalBytes: total * 1024 };
}
