import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { parseProcLimits, readOpenFilesLimit, SPARE_FILES } from "../startup/open-files-limit.ts";
import { line, say } from "./line.ts";
import type { DoctorLine } from "./types.ts";

/**
 * The limit below which doctor warns: what deploy/systemd/oyster.service sets (LimitNOFILE=4096).
 * The bot's need is one kept SSH connection per node plus SPARE_FILES (state.db and its WAL, the
 * log, Slack, SMTP, the HTTP listener); below that it fails (the bot warns at start on the same
 * rule). 4096 leaves room for a fleet that grows, the pipes of the commands it spawns (`ssh -G`,
 * dispatch's commands) and a backup's file copies, while 1024 (Linux's usual soft default) would
 * already be tight at a few hundred nodes and 256 (launchd's) at under 200.
 */
export const RECOMMENDED_OPEN_FILES = 4096;

export interface LimitSource {
  /** The running bot on this host, when there is one: its limit is the service's. */
  bot?: { pid: number; host: string };
  /** Reads a process's /proc/<pid>/limits; injectable for tests. */
  readLimits?: (pid: number) => Promise<string>;
  readOwn?: () => Promise<number | undefined>;
}

/** The running bot's soft limit (same host), else this process's; and whose it is. */
async function limitOf(src: LimitSource): Promise<{ limit: number | undefined; whose: "bot" | "self"; pid: number }> {
  const bot = src.bot;
  // Asked in Slack, doctor runs inside the bot: its own limit is the service's.
  if (bot && bot.host === hostname() && bot.pid === process.pid) return { limit: await (src.readOwn ?? readOpenFilesLimit)(), whose: "bot", pid: bot.pid };
  if (bot && bot.host === hostname()) {
    try {
      const text = await (src.readLimits ?? ((pid) => readFile(`/proc/${pid}/limits`, "utf8")))(bot.pid);
      return { limit: /^Max open files\s+unlimited/m.test(text) ? Infinity : parseProcLimits(text), whose: "bot", pid: bot.pid };
    } catch {
      // No /proc (macOS), or the bot just stopped: judge this process's instead.
    }
  }
  return { limit: await (src.readOwn ?? readOpenFilesLimit)(), whose: "self", pid: process.pid };
}

/** The service's open-files limit against the fleet's need (fail) and the shipped unit's value (warn). */
export async function limitsChecks(nodes: number, src: LimitSource = {}): Promise<DoctorLine[]> {
  const { limit, whose, pid } = await limitOf(src);
  // Node raises its own soft limit to the hard one at start: with no bot running here, this
  // process's number is what a bot started from the same shell would get.
  const name = whose === "bot" ? `bot (pid ${pid})` : "oyster";
  const needed = nodes + SPARE_FILES;
  const fix = say("doctor.limits.fix", { value: Math.max(RECOMMENDED_OPEN_FILES, needed) });
  if (limit === undefined) return [line("limits", name, "warn", say("doctor.limits.unknown"), fix)];
  const shown = Number.isFinite(limit) ? String(limit) : "unlimited";
  const detail = (key: "doctor.limits.ok" | "doctor.limits.low" | "doctor.limits.belowNeed") => say(key, { limit: shown, needed, nodes, recommended: RECOMMENDED_OPEN_FILES });
  const lines: DoctorLine[] = [];
  if (limit < needed) lines.push(line("limits", name, "fail", detail("doctor.limits.belowNeed"), fix));
  else if (limit < RECOMMENDED_OPEN_FILES) lines.push(line("limits", name, "warn", detail("doctor.limits.low"), fix));
  else lines.push(line("limits", name, "ok", detail("doctor.limits.ok")));
  return lines;
}
