// The compiled bot (`node dist/main.js`) in its own process, for tests of the CLI socket: what it
// logged, how many CLI requests it answered, and its two ways to end (SIGTERM, or kill -9).
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { compiledEntryPath } from "../../../src/startup/compiled-entry.ts";
import { waitUntil } from "../../helpers/wait-until.ts";

export interface BotProcess {
  child: ChildProcess;
  stderr(): string;
  /** CLI requests the bot has taken over its socket (one log line each). */
  requests(): number;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** kill -9: nothing of the bot's own clean-up runs. */
  kill9(): Promise<void>;
}

export async function startBot(env: NodeJS.ProcessEnv, cwd: string): Promise<BotProcess> {
  const child = spawn(process.execPath, [compiledEntryPath("main")], { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = once(child, "exit");
  const bot: BotProcess = {
    child,
    stderr: () => stderr,
    requests: () => stderr.match(/answering a CLI request/g)?.length ?? 0,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const [code] = (await exited) as [number | null];
      return code;
    },
    async kill9() {
      child.kill("SIGKILL");
      await exited;
    },
  };
  await waitUntil(() => stderr.includes("oyster running") || child.exitCode !== null, () => `the bot to start; it said:\n${stderr}`, 20_000);
  if (child.exitCode !== null) throw new Error(`the bot exited ${child.exitCode}:\n${stderr}`);
  return bot;
}
