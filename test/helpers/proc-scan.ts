// What every process on this machine shows to `ps`: its arguments (/proc/<pid>/cmdline) and its
// environment (/proc/<pid>/environ, readable for the node user's processes when tests run as
// root, or as that same user). Read straight from /proc, synchronously, so a test can look while
// a request is in flight.
import { readdirSync, readFileSync } from "node:fs";

export interface ProcView {
  pid: number;
  args: string;
  /** null when this process may not read it. */
  environ: string | null;
}

function read(path: string): string | null {
  try {
    return readFileSync(path).toString("utf8").replaceAll("\0", " ");
  } catch {
    return null;
  }
}

/** Every live process's arguments and environment, as far as this process may read them. */
export function processViews(): ProcView[] {
  const out: ProcView[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const args = read(`/proc/${name}/cmdline`);
    if (args === null) continue;
    out.push({ pid: Number(name), args, environ: read(`/proc/${name}/environ`) });
  }
  return out;
}
