import type { FilesystemUse, MemoryUse } from "./types.ts";

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

function scale(n: number): number {
  let unit = 0;
  while (n >= 1024 ** (unit + 1) && unit < UNITS.length - 1) unit += 1;
  return unit;
}

// Three significant figures at most: "46.5", "310", "8"; never "8.0".
function figure(n: number): string {
  return n >= 100 ? String(Math.round(n)) : String(Number(n.toFixed(1)));
}

/**
 * "46.5 of 50 GiB", or "310 MiB of 7.8 GiB" when the part is too small for the whole's unit.
 * Binary units, named as such, so the figures match `df -h` and `free -h` on the node.
 */
export function sizePair(part: number, whole: number): string {
  const unit = scale(whole);
  const own = scale(part);
  const of = `${figure(whole / 1024 ** unit)} ${UNITS[unit]}`;
  if (own === unit || part === 0) return `${figure(part / 1024 ** unit)} of ${of}`;
  return `${figure(part / 1024 ** own)} ${UNITS[own]} of ${of}`;
}

/** "disk / 93% used (46.5 of 50 GiB)" */
export function diskText(fs: FilesystemUse): string {
  return `disk ${fs.mount} ${fs.usedPercent}% used (${sizePair(fs.usedBytes, fs.sizeBytes)})`;
}

/** "inodes /home 91% used" */
export function inodesText(fs: FilesystemUse & { inodesUsedPercent: number }): string {
  return `inodes ${fs.mount} ${fs.inodesUsedPercent}% used`;
}

/** "memory 4% available (310 MiB of 7.8 GiB)": rounded down, so a shown figure is never rosier than the reading. */
export function memoryText(m: MemoryUse): string {
  return `memory ${Math.floor(m.availablePercent)}% available (${sizePair(m.availableBytes, m.totalBytes)})`;
}

/** The fullest filesystem of a reading, for one-line summaries (status, the report). */
export function fullest(filesystems: readonly FilesystemUse[] | null): FilesystemUse | null {
  if (!filesystems?.length) return null;
  return filesystems.reduce((a, b) => (b.usedPercent > a.usedPercent ? b : a));
}
