import { mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import pino, { type Logger } from "pino";

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
}

const REDACT_PATHS = ["token", "*.token", "password", "*.password", "secret", "*.secret", "privateKey", "*.privateKey", "headers.authorization", "*.headers.authorization"];

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };

/** Replaces every secret value in a serialised line; catches secrets inside messages and stacks too. */
export function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const s of secrets) if (s.length >= 6) out = out.split(s).join("[REDACTED]");
  return out;
}

/** A JSON log line as one short human line: time, level, message, then key=value fields. */
export function humanLine(json: string): string {
  const { time, level, msg, pid: _pid, hostname: _host, err, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  const errText = err && typeof err === "object" ? ` err=${(err as { message?: string }).message}` : "";
  const when = typeof time === "number" ? new Date(time).toISOString().slice(11, 19) : "";
  return `${when} ${LEVEL_NAMES[level as number] ?? level} ${msg ?? ""}${parts.length ? " " + parts.join(" ") : ""}${errText}\n`;
}

/** The secret values this process knows of: Slack and SMTP credentials and provider keys. */
export function secretsFromEnv(env: NodeJS.ProcessEnv, extraNames: string[] = []): string[] {
  const names = ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", ...extraNames];
  const values = names.map((n) => env[n]).filter((v): v is string => Boolean(v));
  if (env.SMTP_URL) {
    values.push(env.SMTP_URL);
    try {
      const pass = decodeURIComponent(new URL(env.SMTP_URL).password);
      if (pass) values.push(pass);
    } catch {
      // An unparsable SMTP_URL is reported by the email sender; the whole value is scrubbed anyway.
    }
  }
  return values;
}

const rank = (level: string) => pino.levels.values[level] ?? 30;

/** The one root logger. Everything else takes `log.child({ job })` or `log.child({ cmd, user })`. */
export function createLogger(opts: LogOptions = {}): Logger {
  const secrets = opts.secrets ?? [];
  const fileLevel = opts.level ?? "info";
  const stderrLevel = opts.stderrLevel ?? fileLevel;
  const stderr = opts.stderr ?? { write: (s: string) => process.stderr.write(s) };
  const streams: pino.StreamEntry[] = [
    { level: stderrLevel as pino.Level, stream: { write: (line: string) => void stderr.write(scrub(humanLine(line), secrets)) } },
  ];
  if (opts.dataDir) {
    const dir = join(opts.dataDir, "logs");
    mkdirSync(dir, { recursive: true });
    // Synchronous appends: a CLI that exits right after logging must not lose the line.
    const fd = openSync(join(dir, "oyster.log"), "a", 0o600);
    streams.push({ level: fileLevel as pino.Level, stream: { write: (line: string) => void writeSync(fd, scrub(line, secrets)) } });
  }
  const rootLevel = rank(fileLevel) < rank(stderrLevel) ? fileLevel : stderrLevel;
  return pino({ level: rootLevel, redact: { paths: REDACT_PATHS, censor: "[REDACTED]" }, base: { pid: process.pid } }, pino.multistream(streams));
}
