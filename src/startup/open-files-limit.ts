import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { Logger } from "../log.ts";

/** Head room beyond one SSH connection per node: state.db and its WAL, logs, Slack, SMTP, HTTP. */
export const SPARE_FILES = 64;

/** The soft "Max open files" from Linux's /proc/self/limits; undefined when the line is absent or unlimited. */
export function parseProcLimits(text: string): number | undefined {
  const m = /^Max open files\s+(\S+)/m.exec(text);
  if (!m || m[1] === "unlimited") return undefined;
  const n = Number(m[1]);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * This process's soft open-files limit. Node has no getrlimit: Linux says it in /proc; elsewhere
 * (macOS) a child shell inherits the same limit and `ulimit -n` prints it.
 */
export async function readOpenFilesLimit(): Promise<number | undefined> {
  try {
    return parseProcLimits(await readFile("/proc/self/limits", "utf8"));
  } catch {
    return new Promise((resolve) => {
      execFile("/bin/sh", ["-c", "ulimit -n"], { timeout: 2000 }, (err, stdout) => {
        const n = Number(stdout.trim());
        resolve(err || !Number.isInteger(n) ? undefined : n);
      });
    });
  }
}

/** Warns when the limit cannot hold one connection per node plus the rest (launchd's default is 256). */
export async function warnOnLowOpenFiles(nodes: number, log: Logger, read: () => Promise<number | undefined> = readOpenFilesLimit): Promise<number | undefined> {
  const limit = await read();
  const needed = nodes + SPARE_FILES;
  if (limit !== undefined && limit < needed) {
    log.warn({ limit, nodes, needed }, `open-files limit ${limit} is below nodes + ${SPARE_FILES} (${needed}): raise it (LimitNOFILE in the systemd unit, SoftResourceLimits in the launchd plist; see README "Operations")`);
  }
  return limit;
}
