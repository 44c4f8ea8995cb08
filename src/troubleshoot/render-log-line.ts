import { humanLine } from "../log.ts";

/** pino's level numbers, by the names `--level` takes. */
export const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LevelName = keyof typeof LEVELS;

export interface LogFilter {
  /** Lines below this pino level are dropped. */
  minLevel?: number;
  /** Only lines of this job's runs (`log.child({ job })`). */
  job?: string;
}

/**
 * One line of oyster.log as a person reads it (`HH:MM:SS LEVEL msg key=value`, the stderr
 * format), or null when the filter drops it. A line that is not pino JSON (a crash's raw output,
 * a torn write) is shown as it is while nothing filters, and dropped once something does: it has
 * no level or job to match.
 */
export function renderLogLine(line: string, filter: LogFilter = {}): string | null {
  const filtering = filter.minLevel !== undefined || filter.job !== undefined;
  let rec: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not a log record");
    rec = parsed as Record<string, unknown>;
  } catch {
    return filtering || line.trim() === "" ? null : line;
  }
  if (filter.minLevel !== undefined && !(typeof rec.level === "number" && rec.level >= filter.minLevel)) return null;
  if (filter.job !== undefined && rec.job !== filter.job) return null;
  return humanLine(line).replace(/\n$/, "");
}
