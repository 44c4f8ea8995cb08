import { join } from "node:path";
import { ensurePrivateDir } from "./files/private.ts";
import { RotatingLogFile, type RotationOptions } from "./files/rotating-log-file.ts";
import { lazyPackage } from "./startup/lazy-package.ts";
import type Pino from "pino";
import type { Logger } from "pino";
// One scrubber for logs, command output, audit and delivery errors: src/secrets.
import { scrub } from "./secrets/scrub.ts";
import { terminalText } from "./render/terminal-text.ts";

// Loaded when the first logger is made (`oyster help` makes none).
const pinoPackage = lazyPackage<typeof Pino>("pino");

export type { Logger } from "pino";

export interface LogOptions {
  /** Where `logs/oyster.log` goes; no file when absent (tests). */
  dataDir?: string;
  /** Level for the log file (and the root). */
  level?: string;
  /** Level for the human-readable lines on stderr; the CLI keeps this quiet by default. */
  stderrLevel?: string;
  /** Secret values to scrub from every line, wherever they appear. */
  secrets?: string[];
  /** Where the human-readable lines go (tests pass their own). */
  stderr?: { write(line: string): unknown };
  /** `logs.maxMb` / `logs.keep`: the file is rotated by size. */
  rotation?: RotationOptions;
}

export const DEFAULT_ROTATION: RotationOptions = { maxBytes: 10 * 1024 * 1024, keep: 5 };

const REDACT_PATHS = ["token", "*.token", "password", "*.password", "secret", "*.secret", "privateKey", "*.privateKey", "headers.authorization", "*.headers.authorization"];

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };


/** A JSON log line as one short human line: time, level, message, then key=value fields. */
export function humanLine(json: string): string {
  const { time, level, msg, pid: _pid, hostname: _host, err, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const errText = err && typeof err === "object" ? ` err=${(err as { message?: string }).message}` : "";
  const when = typeof time === "number" ? new Date(time).toISOString().slice(11, 19) : "";
  return `${when} ${LEVEL_NAMES[level as number] ?? level} ${msg ?? ""}${parts.length ? " " + parts.join(" ") : ""}${errText}\n`;
}

const rank = (level: string) => pinoPackage().levels.values[level] ?? 30;

/** The one root logger. Everything else takes `log.child({ job })` or `log.child({ cmd, user })`. */
export function createLogger(opts: LogOptions = {}): Logger {
  const secrets = opts.secrets ?? [];
  const fileLevel = opts.level ?? "info";
  const stderrLevel = opts.stderrLevel ?? fileLevel;
  const stderr = opts.stderr ?? { write: (s: string) => process.stderr.write(s) };
  const pino = pinoPackage();
  const streams: Pino.StreamEntry[] = [
    // A terminal reads this stream: a logged node error or command output is shown, never obeyed.
    { level: stderrLevel as Pino.Level, stream: { write: (line: string) => void stderr.write(scrub(terminalText(humanLine(line)), secrets)) } },
  ];
  if (opts.dataDir) {
    const dir = join(opts.dataDir, "logs");
    ensurePrivateDir(dir);
    // Synchronous appends: a CLI that exits right after logging must not lose the line.
    const file = new RotatingLogFile(join(dir, "oyster.log"), opts.rotation ?? DEFAULT_ROTATION);
    streams.push({ level: fileLevel as Pino.Level, stream: { write: (line: string) => void file.write(scrub(line, secrets)) } });
  }
  const rootLevel = rank(fileLevel) < rank(stderrLevel) ? fileLevel : stderrLevel;
  return pino({ level: rootLevel, redact: { paths: REDACT_PATHS, censor: "[REDACTED]" }, base: { pid: process.pid } }, pino.multistream(streams));
}

/** A logger that writes nothing, for code run without one (tests, library defaults). */
export function silentLogger(): Logger {
  return pinoPackage()({ level: "silent" });
}
