import type { Socket } from "node:net";
import type { ConfirmAnswer } from "../cli/confirm.ts";
import type { Plan } from "../command/types.ts";
import { send } from "./protocol.ts";

const ANSWERS: readonly ConfirmAnswer[] = ["confirmed", "cancelled", "refused"];

/**
 * A plan shown and answered on the caller's terminal, not the bot's: the bot sends the plan, the
 * CLI asks y/N there (or answers "refused" without a terminal, as it does in-process) and sends
 * the answer back. A caller who goes away (Ctrl-C, a closed socket) has cancelled.
 */
export class RelayConfirm {
  private pending: ((a: ConfirmAnswer) => void) | undefined;

  constructor(private readonly socket: Socket, private readonly signal: AbortSignal) {
    signal.addEventListener("abort", () => this.answer("cancelled"), { once: true });
  }

  ask(plan: Plan | undefined, yes: boolean): Promise<ConfirmAnswer> {
    // A caller already gone (cancelled while the command was being prepared) has said no,
    // --yes or not: nothing of it runs, and there is nobody left to answer a question.
    if (this.signal.aborted) return Promise.resolve("cancelled");
    // As confirmPlan: --yes answers for scripts, nothing needs asking.
    if (yes) return Promise.resolve("confirmed");
    return new Promise((resolve) => {
      this.pending = resolve;
      send(this.socket, { plan: plan ?? null, yes });
    });
  }

  /** The CLI's `{confirm}`; anything but a known answer counts as "cancelled", never as a yes. */
  answer(value: unknown): void {
    const resolve = this.pending;
    this.pending = undefined;
    resolve?.(ANSWERS.includes(value as ConfirmAnswer) ? (value as ConfirmAnswer) : "cancelled");
  }
}
