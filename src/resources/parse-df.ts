/**
 * df's POSIX output (`df -Pk`, `df -Pi`), as GNU coreutils, BusyBox and the BSDs (macOS) print
 * it. Columns are found by the header, not by position alone: `df -Pi` says `IUsed` on GNU,
 * `Used` under `Inodes` on BusyBox, and macOS adds `iused ifree %iused` after the block columns.
 */

/** One data line: the numbers in header order, `null` for a `-`. */
interface DfRow {
  filesystem: string;
  mount: string;
  cells: Array<number | null>;
}

interface DfTable {
  columns: string[];
  rows: DfRow[];
}

// The filesystem name may hold spaces (macOS "map auto_home"), and so may the mount point: the
// numbers in between are what anchor the line. A mount point always starts with "/".
const ROW = /^(\S.*?)((?:\s+(?:\d+%?|-))+)\s+(\/.*)$/;

/** The table df printed, or null without a header; error lines (df merged stderr) are skipped. */
export function parseDfTable(text: string): DfTable | null {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => /^Filesystem\s/i.test(l.trim()));
  if (at < 0) return null;
  const names = (lines[at] as string).trim().split(/\s+/).slice(1);
  // "Mounted on" is one column in two words.
  if (names.at(-1)?.toLowerCase() === "on" && names.at(-2)?.toLowerCase() === "mounted") names.splice(-2);
  const rows: DfRow[] = [];
  for (const line of lines.slice(at + 1)) {
    const m = ROW.exec(line.trimEnd());
    if (!m) continue;
    const cells = (m[2] as string).trim().split(/\s+/).map((c) => (c === "-" ? null : Number(c.replace("%", ""))));
    if (cells.length !== names.length) continue;
    rows.push({ filesystem: m[1] as string, mount: m[3] as string, cells });
  }
  return { columns: names, rows };
}

/** df prints Capacity rounded up; where it printed `-`, the same from used and available. */
function percentOf(printed: number | null | undefined, used: number | null | undefined, free: number | null | undefined): number | null {
  if (typeof printed === "number") return printed;
  if (typeof used !== "number" || typeof free !== "number" || used + free <= 0) return null;
  return Math.ceil((used * 100) / (used + free));
}

export interface BlockUse {
  filesystem: string;
  mount: string;
  usedPercent: number;
  usedBytes: number;
  sizeBytes: number;
}

/** `df -Pk` (or -P in 512-byte blocks): per mount point, first line wins (df repeats a mount once per path asked). */
export function parseDfBlocks(text: string): BlockUse[] {
  const table = parseDfTable(text);
  if (!table) return [];
  const at = table.columns.findIndex((c) => /^(\d+)-blocks$/i.test(c) || /^1K-blocks$/i.test(c));
  if (at < 0) return [];
  const unit = /^(\d+)-blocks$/i.exec(table.columns[at] as string);
  const blockBytes = unit ? Number(unit[1]) : 1024;
  const seen = new Map<string, BlockUse>();
  for (const r of table.rows) {
    const [size, used, free, printed] = r.cells.slice(at, at + 4);
    // A filesystem of no size (autofs, proc) cannot fill up: nothing to watch.
    if (seen.has(r.mount) || typeof size !== "number" || size === 0 || typeof used !== "number") continue;
    const usedPercent = percentOf(printed, used, free);
    if (usedPercent === null) continue;
    seen.set(r.mount, { filesystem: r.filesystem, mount: r.mount, usedPercent, usedBytes: used * blockBytes, sizeBytes: size * blockBytes });
  }
  return [...seen.values()];
}

/** `df -Pi`: inode used % per mount point; null where the filesystem gives no inode figures. */
export function parseDfInodes(text: string): Map<string, number | null> {
  const table = parseDfTable(text);
  const out = new Map<string, number | null>();
  if (!table) return out;
  const lower = table.columns.map((c) => c.toLowerCase());
  // macOS: iused ifree %iused beside the block columns; GNU and BusyBox: used, free, % after "Inodes".
  const bsd = lower.indexOf("iused");
  const start = bsd >= 0 ? bsd - 1 : lower.indexOf("inodes");
  if (start < 0) return out;
  for (const r of table.rows) {
    if (out.has(r.mount)) continue;
    const [used, free, printed] = r.cells.slice(start + 1, start + 4);
    const total = bsd >= 0 ? null : r.cells[start];
    // GNU prints 0 inodes (and "-") for filesystems without a fixed inode table.
    out.set(r.mount, total === 0 ? null : percentOf(printed, used, free));
  }
  return out;
}
