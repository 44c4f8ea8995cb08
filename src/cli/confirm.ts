import { createInterface } from "node:readline/promises";
import type { Plan } from "../command/types.ts";
import { terminalText } from "../render/terminal-text.ts";

export type ConfirmAnswer = "confirmed" | "cancelled" | "refused";

export interface ConfirmIo {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Shows the plan and asks for `y` on a terminal. `--yes` answers for scripts; with neither a
 * terminal nor `--yes` the answer is "refused" (exit 3), never a silent yes. Ctrl-C at the
 * question (readline's own, when the terminal is in its raw mode) is "cancelled", as is `signal`
 * aborting while it is asked (the request was cancelled elsewhere): the terminal is let go at once.
 */
export async function confirmPlan(
  plan: Plan | undefined,
  yes: boolean,
  io: ConfirmIo = { input: process.stdin, output: process.stderr },
  signal?: AbortSignal,
): Promise<ConfirmAnswer> {
  if (yes) return "confirmed";
  if (!io.input.isTTY) return "refused";
  if (signal?.aborted) return "cancelled";
  const lines = plan ? [plan.summary, ...plan.steps.map((s) => `  - ${s}`)] : ["This command changes state."];
  // A plan quotes what nodes answered (a failed comparison, a command): shown, never obeyed.
  io.output.write(`${terminalText(lines.join("\n"))}\n`);
  const rl = createInterface({ input: io.input, output: io.output });
  try {
    const answer = await rl.question("Proceed? [y/N] ", signal ? { signal } : {});
    return /^y(es)?$/i.test(answer.trim()) ? "confirmed" : "cancelled";
  } catch (err) {
    // The question ended unanswered: Ctrl-C typed into it, or `signal`.
    if ((err as { name?: string }).name === "AbortError") return "cancelled";
    throw err;
  } finally {
    rl.close();
  }
}
