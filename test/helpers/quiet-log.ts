import { createLogger, type Logger } from "../../src/log.ts";

/** A real pino logger whose human-readable lines are kept in memory (level "silent" keeps none). */
export function memoryLogger(level = "debug"): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const log = createLogger({ level, stderrLevel: level, stderr: { write: (s: string) => lines.push(s) } });
  return { log, lines };
}
