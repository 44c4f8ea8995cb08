import { parseDfBlocks, parseDfInodes } from "./parse-df.ts";
import { parseMeminfo } from "./parse-meminfo.ts";
import type { Section } from "./sections.ts";
import type { ResourceReading } from "./types.ts";

/** What a part said, for a detail: exit status and its first lines on one line. */
function said(what: string, s: Section | undefined): string {
  if (!s) return `${what} printed nothing (its output was cut short)`;
  const text = s.body.trim().split(/\r?\n/).slice(0, 2).join(" | ").slice(0, 200) || "no output";
  return `${what} ${s.code === null ? "was cut short" : `exited ${s.code}`}: ${text}`;
}

/**
 * The sections `resourcesCommand` printed, as a reading. Whatever cannot be read is said so in
 * a note, never thrown: a node with an odd df or no /proc still answers the probe.
 */
export function readResources(sections: Map<string, Section>): ResourceReading {
  // GNU df's one table (`df-all`) holds both; elsewhere the two POSIX tables were printed after it failed.
  const all = sections.get("df-all");
  const both = all?.code === 0 ? all : undefined;
  const df = both ?? sections.get("df");
  const dfi = both ?? sections.get("df-inodes");
  const mem = sections.get("meminfo");
  const blocks = df ? parseDfBlocks(df.body) : [];
  const inodes = dfi ? parseDfInodes(dfi.body) : new Map<string, number | null>();
  const reading: ResourceReading = {
    filesystems: blocks.length ? blocks.map((b) => ({ ...b, inodesUsedPercent: inodes.get(b.mount) ?? null })) : null,
    memory: mem ? parseMeminfo(mem.body) : null,
  };
  if (!reading.filesystems) reading.diskError = `disk use could not be read: ${said("df -Pk", df)}`;
  else if (inodes.size === 0) reading.inodesNote = `inode use could not be read: ${said("df -Pi", dfi)}`;
  if (!reading.memory) {
    const missing = mem !== undefined && mem.code !== 0 && /no such file/i.test(mem.body);
    reading.memoryNote = missing
      ? "memory unknown: this node has no /proc/meminfo"
      : mem?.code === 0 ? "memory unknown: /proc/meminfo has no MemTotal with MemAvailable or MemFree" : `memory unknown: ${said("cat /proc/meminfo", mem)}`;
  }
  return reading;
}
