import type { Socket } from "node:net";
import type { BotCommandDeps } from "./bot-context.ts";
import { startBotSocket } from "./server.ts";
import { serveSession } from "./session.ts";
import { ownBuild } from "./version.ts";

export interface CliSocket {
  /** Stops taking requests, cancels those in flight and waits up to `deadlineMs` for their work. */
  stop(deadlineMs: number): Promise<void>;
}

/**
 * The bot's side of `<dataDir>/oyster.sock`: one session per CLI connection, each tracked so a
 * stopping bot cancels them (their callers hear "cancelled", exit 3) before it closes the pool
 * and state.db under them.
 */
export async function startCliSocket(deps: BotCommandDeps): Promise<CliSocket> {
  const log = deps.runtime.log.child({ subsystem: "cli-socket" });
  // Read once: a rebuild while the bot runs makes it older than the CLI built after it.
  const own = ownBuild();
  const live = new Map<Socket, { controller: AbortController; done: Promise<void> }>();
  const socket = await startBotSocket(deps.runtime.env.dataDir, (s) => {
    const controller = new AbortController();
    const done = serveSession(s, { ...deps, own, log }, controller).finally(() => live.delete(s));
    live.set(s, { controller, done });
  }, log);
  return {
    async stop(deadlineMs) {
      const closed = socket?.close();
      for (const { controller } of live.values()) controller.abort();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((r) => (timer = setTimeout(r, deadlineMs)));
      await Promise.race([Promise.all([...live.values()].map((l) => l.done)), deadline]);
      clearTimeout(timer);
      for (const s of live.keys()) s.destroy();
      await closed;
    },
  };
}
