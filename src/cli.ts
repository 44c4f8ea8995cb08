// Only what every call needs is imported here: the split of argv, the rule of which commands the
// running bot answers, .env and the stale-build check. The registry (every command, zod), the
// runtime (config, state.db, the SSH pool) and delivery load only when the command runs in this
// process (src/cli/in-process.ts): `status` answered by the bot never pays for them.
import { askBotFirst } from "./bot-socket/routed.ts";
import type { ConfirmIo } from "./cli/confirm.ts";
import type { Out } from "./cli/output.ts";
import { splitArgv } from "./cli/split-argv.ts";
import { readTerminal } from "./cli/terminal.ts";
import type { AnyCommand } from "./command/types.ts";
import { loadDotEnv } from "./env.ts";

import { refuseStaleBuild as refuseStale } from "./startup/fresh-build.ts";

/** For bin/oyster.js: true (having said why) when dist/ is older than the sources. */
export function refuseStaleBuild(): boolean {
  return refuseStale(import.meta.url);
}

export interface CliDeps {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  out?: Out;
  io?: ConfirmIo;
  commands?: readonly AnyCommand[];
  now?: () => Date;
}

/**
 * `oyster <command> [args] [--json] [--yes]`. Returns the exit code: 0 ok, 1 unhealthy or failed,
 * 2 usage or config, 3 not allowed / not confirmed / cancelled. The CLI acts as the local OS user,
 * who holds the SSH keys anyway, so it has every role; it is audited as `cli:<user>`. A command
 * that reaches nodes is first offered to the running bot over `<dataDir>/oyster.sock` (its kept
 * connections answer in milliseconds); with no bot there it runs here, to the same output.
 */
export async function runCli(argv: string[], deps: CliDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const out = deps.out ?? { stdout: process.stdout, stderr: process.stderr };
  const inv = splitArgv(argv);
  const terminal = readTerminal(env, out.stdout as { isTTY?: boolean; columns?: number }, inv.json);
  if (askBotFirst(inv)) {
    loadDotEnv(".env", env);
    // OYSTER_NO_BOT=1: dial the nodes from here even when a bot runs (a bot suspected of being stuck).
    if (env.OYSTER_NO_BOT !== "1") {
      // Loaded only for commands that reach nodes: `help` and the state.db readers never pay for it.
      const { askBot } = await import("./bot-socket/client.ts");
      const answered = await askBot(argv, { env, terminal, ...(deps.cwd ? { cwd: deps.cwd } : {}), out, ...(deps.io ? { io: deps.io } : {}) });
      if (answered !== undefined) return answered;
    }
  }
  const { runInProcess } = await import("./cli/in-process.ts");
  return runInProcess(inv, { ...deps, env, out, terminal });
}
