import { userInfo } from "node:os";
import type { AnyCommand, CommandContext } from "../command/types.ts";
import { OysterError } from "../errors.ts";
import { collectSecrets } from "../secrets/index.ts";

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
 * The context of a command marked `standalone` (help): the registry only. No config is loaded
 * (parsing it costs about as much as the rest of help: Intl's time zone, zod; the CLI reads only
 * oyster.json's `locale`, src/locale/configured-locale.ts, for the language) and no state.db,
 * log file or SSH pool is opened, so it answers at the cost of Node's start-up, never waits on a
 * locked database, and still works when a config file is broken (help is how you find out what
 * to run). The environment's secrets are still scrubbed from what it prints.
 */
export function standaloneContext(cmd: AnyCommand, commands: readonly AnyCommand[], env: NodeJS.ProcessEnv, dataDir: string, now: () => Date): CommandContext {
  const user = userInfo().username;
  return {
    config: notOpen("the config", cmd.name),
    secrets: collectSecrets(env).values,
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
