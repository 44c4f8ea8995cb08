import type { z } from "zod";
import type { Notifier } from "../alerts/types.ts";
import type { ReportSink } from "../notify/report-sink.ts";
import type { Config } from "../config/index.ts";
import type { Logger } from "../log.ts";
import type { SshPool } from "../ssh/index.ts";
import type { Store } from "../store/index.ts";
import type { View } from "../render/view.ts";
import type { Progress } from "../progress/progress.ts";

export type Role = "viewer" | "operator" | "admin";

export const ROLE_RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Who is asking, and from where: `cli:<os user>` or `slack:<user id>`. */
export interface Caller {
  who: string;
  via: "cli" | "slack";
  channel?: string;
  role: Role;
}

export interface CommandContext {
  config: Config;
  store: Store;
  ssh: SshPool;
  log: Logger;
  caller: Caller;
  now: () => Date;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /**
   * Set in the long-running bot: unbounded SQLite reads go to the SQLite worker so the event loop
   * keeps serving Slack. The CLI, with nothing else to serve, reads inline.
   */
  sqliteOffThread?: boolean;
  /** The secret values to scrub, when the context has them without a config (a standalone command); else from env + config. */
  secrets?: readonly string[];
  /** The registry, passed in so `help` can list it without importing it. */
  commands: readonly AnyCommand[];
  /** Where alert events go (the outbox, then Slack / email); the log when absent. */
  notifier?: Notifier;
  /** Where `report --send` goes; the log when absent. */
  reportSink?: ReportSink;
  /**
   * Delivers what is due in the outbox from this process before it exits, as it does for what it
   * queued itself (the CLI, `outbox retry`). Absent in the bot, whose deliverer polls on its own.
   */
  deliverOutbox?: () => Promise<void>;
  /**
   * The CLI's stdout when it prints text (not `--json`), for a command that keeps drawing for a
   * person until Ctrl-C (`quota watch`). Absent in Slack.
   */
  stdout?: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /**
   * Aborted when the caller gives up: Ctrl-C on a CLI whose request the running bot answers.
   * There `ssh` already refuses new work once it aborts (src/ssh/with-signal.ts); a command that
   * waits or loops on its own checks it. Absent in the in-process CLI, where Ctrl-C ends the process.
   */
  signal?: AbortSignal;
  /**
   * Where long work (sync, install-daemon, backup, a rolling restart) reports how far it is: set
   * by Slack to update its "working on ..." reply. Absent elsewhere: src/progress/for-context.ts
   * then draws a live line when stdout is a terminal, and reports nothing otherwise.
   */
  progress?: Progress;
}

/** A file a result shows in Slack beside its reply (the quota chart), uploaded to the channel. */
export interface CommandFile {
  filename: string;
  title: string;
  content: Buffer;
  altText?: string;
}

/** `ok: false` means something checked is unhealthy or an operation failed: exit 1. */
export interface CommandResult<D extends object = Record<string, unknown>> {
  ok: boolean;
  data: D;
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  description: string;
  /**
   * What a string option's value is, when it is not a name or a number (those are held to plain
   * characters by the schema): `text`, a person's words (`--reason`), kept verbatim as data and
   * never a name, path or command; `path`, a path on a node (absolute allowed, no `..`). Every
   * word is refused with control characters or past 1024 characters whatever its kind
   * (src/command/parse-args.ts); the input fault suite fuzzes each kind by what it may hold.
   */
  value?: "text" | "path";
}

/** The raw words of an invocation after flag parsing: flags by name, positionals under `_`. */
export type RawArgs = Record<string, string | boolean | string[] | undefined> & { _: string[] };

/** One form of a command whose role depends on its arguments, as `help` names it. */
export interface RoleForm {
  /** A flag (`--send`), a subcommand (`start`) or a short phrase (`fixing (without --no-fix)`). */
  form: string;
  role: Role;
  /** The words of one such invocation after the command's name: a test checks `of` gives `role` for them. */
  example: string[];
}

/**
 * A role that depends on the arguments: the decision, and every form it tells apart as data, so
 * `help` can show the least role and mark the forms that need more without reading usage lines.
 */
export interface RoleByArgs<A> {
  forms: readonly RoleForm[];
  /** The role these arguments need: what the role check enforces. */
  of(args: A): Role;
}

/** What a state-changing command will do, shown before it is confirmed. */
export interface Plan {
  summary: string;
  steps: string[];
  /**
   * Words the confirmed run is given after the caller's, so it does exactly what the plan showed
   * and nothing that changed since (`nodes add`: `--fingerprint` of the host key the plan saw).
   * The CLI and Slack's Confirm both add them; the audit records the run with them.
   */
  pin?: string[];
}

/**
 * A command is data plus a function. The CLI renders its result with `text`, `--json` prints
 * `data`; the Slack layer renders the same result as Block Kit.
 */
export interface Command<A = unknown, D extends object = Record<string, unknown>> {
  name: string;
  summary: string;
  /** The usage line after `oyster ` (or `/oyster `), e.g. `audit [--since 24h]`. */
  usage: string;
  options?: Record<string, OptionSpec>;
  /** Invocations after `oyster ` that `help <command>` shows; each must pass the schema (a test runs them). */
  examples?: string[];
  /** Validates and shapes the raw words; messages name the argument that is wrong. */
  schema: z.ZodType<A, RawArgs>;
  /** The role needed; by the arguments when forms differ (`check --no-fix` is a viewer's, fixing an operator's). */
  role: Role | RoleByArgs<A>;
  /** State-changing commands are planned, confirmed, checked for role and audited. */
  changesState: boolean | ((args: A) => boolean);
  /** False for state-changing commands the contract runs without asking (ack, snooze): still audited. */
  confirm?: boolean | ((args: A) => boolean);
  /** False for commands that only make sense at the controller (e.g. restore). */
  slack?: boolean;
  /**
   * Needs only the registry (help): the CLI loads no config (it reads oyster.json's `locale`
   * alone, for the text's language) and opens no state.db, log file or SSH pool for it, so it
   * answers at the cost of Node's start-up, whatever state the rest is in.
   * Must not change state.
   */
  standalone?: boolean;
  /** Checks names against config (known nodes, services, projects) before anything is decided or run. */
  validate?(ctx: CommandContext, args: A): void;
  plan?(ctx: CommandContext, args: A): Promise<Plan>;
  run(ctx: CommandContext, args: A): Promise<CommandResult<D>>;
  /**
   * The result as text. `view` says in which language, with what paint (colour and symbols on a
   * terminal, none elsewhere) and how wide; `args` are the run's arguments (`check --verbose`).
   */
  text(data: D, view: View, args?: A): string;
  /** Slack Block Kit for the result; without it Slack shows `text` in a code block. */
  blocks?(data: D, view: View, args?: A): unknown[];
  /**
   * Files Slack uploads to the channel after the reply (made after the ack, so a slow render
   * never delays it); when making or uploading them fails, Slack shows `text` instead.
   */
  slackFiles?(data: D, ctx: CommandContext, view: View): Promise<CommandFile[]>;
}

// The registry holds commands of many argument types; this is the erased element type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any, any>;

export function changesState(cmd: AnyCommand, args: unknown): boolean {
  return typeof cmd.changesState === "function" ? cmd.changesState(args) : cmd.changesState;
}

/** A state-changing command asks first unless it says otherwise (ack, snooze, check, backup). */
export function needsConfirmation(cmd: AnyCommand, args: unknown): boolean {
  if (!changesState(cmd, args)) return false;
  return typeof cmd.confirm === "function" ? cmd.confirm(args) : cmd.confirm !== false;
}

/** Defines a command with its argument type inferred from the schema. */
export function defineCommand<A, D extends object>(cmd: Command<A, D>): Command<A, D> {
  return cmd;
}
