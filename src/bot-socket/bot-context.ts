import type { Notifier } from "../alerts/types.ts";
import type { Out } from "../cli/output.ts";
import type { AnyCommand, CommandContext } from "../command/types.ts";
import type { ReportSink } from "../notify/report-sink.ts";
import type { Runtime } from "../runtime.ts";
import { withSignal } from "../ssh/with-signal.ts";

/** What the bot lends a CLI request: its config, state.db, kept connections and delivery. */
export interface BotCommandDeps {
  runtime: Runtime;
  commands: readonly AnyCommand[];
  notifier?: Notifier;
  reportSink?: ReportSink;
}

export interface SocketCaller {
  user: string;
  json: boolean;
  stdoutTty: boolean;
  /** The caller's terminal width, when it said (a progress line fits it). */
  columns?: number;
  signal: AbortSignal;
  /** The caller's stdout and stderr, over the socket. */
  out: Out;
}

/**
 * The context of a command the bot runs for the CLI: the caller is `cli:<user>` with the CLI's
 * role (admin: whoever can open the 0600 socket in the 0700 data dir is the bot's own user, who
 * holds the SSH keys anyway), and everything else is the bot's. The config is read per request,
 * so a reload (SIGHUP, `restart guardian`, nodes.json) applies to the next one.
 */
export function botCliContext(deps: BotCommandDeps, cmd: AnyCommand, caller: SocketCaller): CommandContext {
  const { runtime } = deps;
  const who = `cli:${caller.user}`;
  return {
    config: runtime.config,
    store: runtime.store,
    ssh: withSignal(runtime.ssh, caller.signal),
    log: runtime.log.child({ cmd: cmd.name, user: who, via: "socket" }),
    caller: { who, via: "cli", role: "admin" },
    now: runtime.now,
    env: runtime.processEnv,
    dataDir: runtime.env.dataDir,
    commands: deps.commands,
    // The bot keeps serving Slack and its jobs meanwhile: unbounded SQLite reads go to the worker.
    sqliteOffThread: true,
    signal: caller.signal,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
    ...(deps.reportSink ? { reportSink: deps.reportSink } : {}),
    ...(caller.json ? {} : { stdout: { write: (s: string) => caller.out.stdout.write(s), isTTY: caller.stdoutTty, ...(caller.columns ? { columns: caller.columns } : {}) } }),
  };
}
