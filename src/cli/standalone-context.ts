import { userInfo } from "node:os";
import type { AnyCommand, CommandContext } from "../command/types.ts";
import type { Config } from "../config/index.ts";
import { OysterError } from "../errors.ts";

/** A stand-in for what a standalone command must not touch: any use is a bug, said plainly. */
function notOpen<T extends object>(what: string, command: string): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      if (prop === "then") return undefined; // not a thenable: safe to pass through `await`
      throw new OysterError("Internal", `${command} is standalone: ${what} is not open (${String(prop)})`);
    },
  });
}

/**
 * The context of a command marked `standalone` (help): config and the registry only. No state.db,
 * log file or SSH pool is opened, so it answers at the cost of Node's start-up and never waits
 * on a locked database.
 */
export function standaloneContext(cmd: AnyCommand, commands: readonly AnyCommand[], config: Config, env: NodeJS.ProcessEnv, dataDir: string, now: () => Date): CommandContext {
  const user = userInfo().username;
  return {
    config,
    store: notOpen("state.db", cmd.name),
    ssh: notOpen("the SSH pool", cmd.name),
    log: notOpen("the logger", cmd.name),
    caller: { who: `cli:${user}`, via: "cli", role: "admin" },
    now,
    env,
    dataDir,
    commands,
  };
}
