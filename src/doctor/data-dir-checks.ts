import { lstatSync, readdirSync, type Stats } from "node:fs";
import { join } from "node:path";
import { untrustedReason } from "../files/trusted-dir.ts";
import { shellQuote } from "../ssh/quote.ts";
import { line, say } from "./line.ts";
import type { DoctorLine } from "./types.ts";

const octal = (mode: number) => `0${(mode & 0o7777).toString(8).padStart(3, "0")}`;
/** How many wide paths a line names before it says how many more there are. */
const NAMED = 3;

function statOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** What in the data dir others may read: its own entries and those of its subdirs (logs, snapshots...); symlinks are not Oyster's. */
function widePaths(dataDir: string): string[] {
  const wide: string[] = [];
  const visit = (path: string, depth: number) => {
    const st = statOrUndefined(path);
    if (!st || (!st.isFile() && !st.isDirectory())) return;
    if (st.mode & 0o077) wide.push(`${path} (${octal(st.mode)})`);
    if (st.isDirectory() && depth < 2) for (const entry of readdirSync(path)) visit(join(path, entry), depth + 1);
  };
  const top = statOrUndefined(dataDir);
  if (top?.isDirectory()) for (const entry of readdirSync(dataDir)) visit(join(dataDir, entry), 1);
  return wide;
}

/**
 * The data dir is private: owned by this user, 0700, and nothing in it (state.db, logs,
 * snapshots, alert files) readable by others. Only looked at: Oyster itself tightens modes at
 * start (src/files/private-data-dir.ts), so a wide one here was widened since.
 */
export function dataDirChecks(dataDir: string): DoctorLine[] {
  const st = statOrUndefined(dataDir);
  if (!st) return [line("data", dataDir, "warn", say("doctor.data.missing"), say("doctor.data.missingFix"))];
  const untrusted = untrustedReason(dataDir);
  if (untrusted !== null) return [line("data", dataDir, "fail", say("doctor.data.untrusted", { reason: untrusted }), say("doctor.data.untrustedFix"))];
  const lines: DoctorLine[] = [];
  lines.push(
    st.mode & 0o077
      ? line("data", dataDir, "fail", say("doctor.data.dirWide", { mode: octal(st.mode) }), say("doctor.data.chmodFix", { command: `chmod 700 ${shellQuote(dataDir)}` }))
      : line("data", dataDir, "ok", say("doctor.data.dirPrivate")),
  );
  const wide = widePaths(dataDir);
  if (wide.length > 0) {
    const named = wide.slice(0, NAMED).join(", ") + (wide.length > NAMED ? ` (+${wide.length - NAMED})` : "");
    lines.push(line("data", "files", "fail", say("doctor.data.filesWide", { count: wide.length, paths: named }), say("doctor.data.chmodFix", { command: `chmod -R go-rwx ${shellQuote(dataDir)}` })));
  } else {
    lines.push(line("data", "files", "ok", say("doctor.data.filesPrivate")));
  }
  return lines;
}
