import type { Logger } from "./log.ts";

/**
 * The exit code when SIGINT arrives again during the drain: 128 + SIGINT (2), what a shell
 * reports for a process ended by Ctrl-C, so scripts and supervisors see "interrupted", not "ok".
 */
export const ABANDON_EXIT_CODE = 130;

type SignalSource = Pick<NodeJS.EventEmitter, "on" | "off">;

export interface ShutdownDeps {
  /** Stops the bot cleanly: scheduling, running jobs (up to their deadline), delivery, Slack, state.db. */
  drain(signal: NodeJS.Signals): Promise<void>;
  /** Names of the jobs running now: what an abandoning exit leaves marked running. */
  runningJobs(): string[];
  log: Logger;
  /** Where SIGTERM and SIGINT arrive; the process in production, an EventEmitter in tests. */
  proc?: SignalSource;
  exit?: (code: number) => void;
}

export interface Shutdown {
  /** Resolves once a drain has run: 0 when it finished cleanly, 1 when it threw. */
  drained: Promise<number>;
  uninstall(): void;
}

/**
 * SIGTERM and SIGINT with `on`, not `once`: a second signal must never reach Node's default
 * handler, which kills the process mid-drain. The first of either starts the drain. SIGTERM again
 * (a supervisor repeating itself) is logged and changes nothing. SIGINT again (a person pressing
 * Ctrl-C twice) exits at once, naming the jobs it abandons.
 */
export function handleShutdownSignals(deps: ShutdownDeps): Shutdown {
  const proc = deps.proc ?? process;
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  const { log } = deps;
  let stopping = false;
  let settle!: (code: number) => void;
  const drained = new Promise<number>((resolve) => (settle = resolve));

  const onSignal = (signal: NodeJS.Signals) => {
    if (!stopping) {
      stopping = true;
      log.info({ signal }, "stopping: letting running jobs finish (SIGINT again exits at once)");
      deps.drain(signal).then(
        () => settle(0),
        (err: unknown) => {
          log.error({ err }, "stop failed");
          settle(1);
        },
      );
      return;
    }
    if (signal === "SIGTERM") {
      log.info({ signal }, "already stopping: SIGTERM does not cut the drain short");
      return;
    }
    const abandoned = deps.runningJobs();
    log.warn(
      { signal, abandoned, exitCode: ABANDON_EXIT_CODE },
      abandoned.length
        ? "SIGINT again while stopping: exiting at once; the abandoned jobs' runs stay marked running"
        : "SIGINT again while stopping: exiting at once; no job was running",
    );
    exit(ABANDON_EXIT_CODE);
  };
  const onTerm = () => onSignal("SIGTERM");
  const onInt = () => onSignal("SIGINT");
  proc.on("SIGTERM", onTerm);
  proc.on("SIGINT", onInt);
  return {
    drained,
    uninstall() {
      proc.off("SIGTERM", onTerm);
      proc.off("SIGINT", onInt);
    },
  };
}
