import { BotRequests } from "../bot-requests/bot-requests.ts";
import type { CommandContext } from "../command/types.ts";
import { OysterError } from "../errors.ts";
import { BotPresence } from "../store/bot-presence.ts";
import type { RestartData } from "./types.ts";

/** How long the CLI waits for the bot's answer: it polls state.db every second, and a reload takes moments. */
export const ANSWER_WAIT_MS = 15_000;

/**
 * `restart guardian`: a request to the running bot through state.db, never a process kill by
 * name. The bot reloads its config and schedules the guardian again, and answers in the request.
 */
export async function restartGuardian(ctx: CommandContext, waitMs = ANSWER_WAIT_MS): Promise<RestartData> {
  if (!BotPresence.current(ctx.store.db, ctx.now())) {
    throw new OysterError("BotNotRunning", "the bot is not running: there is no guardian job to restart (start the bot: npm start, or the service)");
  }
  const requests = new BotRequests(ctx.store.db, ctx.now);
  const id = requests.create("restart-guardian", ctx.caller.who);
  const answered = await requests.waitForAnswer(id, waitMs);
  if (!answered) {
    throw new OysterError("Busy", `the bot has not answered within ${Math.round(waitMs / 1000)} s; the request (#${id}) stays queued and it will act on it`, { request: id });
  }
  return { target: { kind: "guardian" }, steps: [], ok: answered.status === "done", answer: answered.answer ?? "" };
}
