/**
 * The typed error family. Everything that reaches a user carries a code; callers branch on
 * `code` (or `instanceof`), never on message text. `exitCode` follows the CLI contract:
 * 1 unhealthy / failed / refused by a guard, 2 usage or config, 3 not allowed / not confirmed /
 * cancelled.
 */
export type ErrorCode =
  | "ConfigError"
  | "UsageError"
  | "UnknownCommand"
  | "UnknownNode"
  | "UnknownService"
  | "UnknownProject"
  | "UnknownJob"
  | "InvalidArgument"
  | "NotConfigured"
  | "Unauthorized"
  | "NotConfirmed"
  | "Cancelled"
  | "Busy"
  | "SshTimeout"
  | "SshUnreachable"
  | "SshAuthFailed"
  | "HostKeyMismatch"
  | "HostKeyRevoked"
  | "HostKeyUnknown"
  | "SshError"
  | "CommandFailed"
  | "BotNotRunning"
  | "NotRunning"
  | "FileNotFound"
  | "DiskFull"
  | "Internal";

const EXIT_CODES: Record<ErrorCode, 1 | 2 | 3> = {
  ConfigError: 2,
  UsageError: 2,
  UnknownCommand: 2,
  UnknownNode: 2,
  UnknownService: 2,
  UnknownProject: 2,
  UnknownJob: 2,
  InvalidArgument: 2,
  NotConfigured: 1,
  Unauthorized: 3,
  NotConfirmed: 3,
  // The caller stopped the request (Ctrl-C on a CLI the running bot was answering).
  Cancelled: 3,
  Busy: 1,
  SshTimeout: 1,
  SshUnreachable: 1,
  SshAuthFailed: 1,
  HostKeyMismatch: 1,
  HostKeyRevoked: 1,
  HostKeyUnknown: 1,
  SshError: 1,
  CommandFailed: 1,
  // A request only the running bot can carry out (oci-grab start/stop) with no bot up.
  BotNotRunning: 1,
  // Stopping something (an OCI grab) that is not running.
  NotRunning: 1,
  // A file a command shows (a log) is missing or not a plain file: the message names the path.
  FileNotFound: 1,
  // A write met a full disk (ENOSPC, SQLite's SQLITE_FULL): the message names the file.
  DiskFull: 1,
  Internal: 1,
};

export class OysterError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = code;
    this.code = code;
    this.details = details;
  }

  get exitCode(): 1 | 2 | 3 {
    return EXIT_CODES[this.code];
  }
}

/** A config file problem list: every problem in every file, as `file: path: message`. */
export class ConfigError extends OysterError {
  readonly problems: string[];
  constructor(problems: string[]) {
    super("ConfigError", `invalid configuration:\n${problems.join("\n")}`, { problems });
    this.problems = problems;
  }
}

export function isOysterError(err: unknown): err is OysterError {
  return err instanceof OysterError;
}

/**
 * A foreign error that knows what it means for Oyster carries a function under this key (SQLite's
 * errors get one from src/store/sqlite-errors.ts, naming the database file): toOysterError asks it
 * first. A function and not a value, so costly details (who holds a lock) are looked up only for
 * an error that is actually rendered.
 */
export const AS_OYSTER_ERROR = Symbol.for("oyster.asOysterError");

/** Wraps anything thrown into the family, so one place can render it. */
export function toOysterError(err: unknown): OysterError {
  if (err instanceof OysterError) return err;
  const translate = err !== null && typeof err === "object" ? (err as { [AS_OYSTER_ERROR]?: unknown })[AS_OYSTER_ERROR] : undefined;
  if (typeof translate === "function") {
    const translated = (translate as () => OysterError | undefined)();
    if (translated) return translated;
  }
  const message = err instanceof Error ? err.message : String(err);
  const errno = err as { code?: unknown; path?: unknown };
  if (errno?.code === "ENOSPC") {
    const where = typeof errno.path === "string" ? errno.path : undefined;
    return new OysterError("DiskFull", `no space left on the disk${where ? ` holding ${where}` : ""}: free some space and try again (${message})`, where ? { file: where } : {}, { cause: err });
  }
  return new OysterError("Internal", message, {}, { cause: err });
}
