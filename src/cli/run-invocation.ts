import type { ConfirmAnswer } from "./confirm.ts";
import { printConfigError, printError, printJson, type Out } from "./output.ts";
import type { CliInvocation } from "./split-argv.ts";
import type { AnyCommand, CommandContext, Plan } from "../command/types.ts";
import { execute, findCommand, prepare, recordDeclined } from "../command/invoke.ts";
import { ConfigError, OysterError, toOysterError } from "../errors.ts";
import { PLAIN, resolvePaint, terminalPaint } from "../render/paint.ts";
import { terminalText } from "../render/terminal-text.ts";
import { makeView } from "../render/view.ts";
import type { Locale } from "../locale/index.ts";
import type { Terminal } from "./terminal.ts";

export interface InvocationIo {
  commands: readonly AnyCommand[];
  out: Out;
  /** The context the command runs in; may throw a ConfigError (rendered like any other). */
  open(cmd: AnyCommand): CommandContext;
  /** The caller's y/N: on this terminal in the CLI, relayed to the caller's terminal in the bot. */
  confirm(plan: Plan | undefined, yes: boolean): Promise<ConfirmAnswer>;
  /** Told of an error that is a bug, not a refusal (logged where the process logs). */
  onCrash?(err: unknown): void;
  /** The language of a standalone command's text (help reads no config); absent = English. */
  standaloneLocale?(): Locale;
  /** The caller's terminal (colour, symbols, width); absent = a pipe 80 columns wide. */
  terminal?: Terminal;
}

const PIPE: Terminal = { tty: false, colour: false, columns: 80 };

/**
 * One CLI invocation from look-up to exit code: prepare, the caller's confirmation, execute, and
 * the rendering (text or --json, errors included). The in-process CLI and the bot answering over
 * its socket both run this, so what a person sees and the exit code are the same either way.
 */
export async function runInvocation(inv: CliInvocation, io: InvocationIo): Promise<number> {
  const { out } = io;
  try {
    const cmd = findCommand(io.commands, inv.command);
    const ctx = io.open(cmd);
    let prepared = await prepare(ctx, inv.command, inv.words, { withPlan: !inv.yes });
    let decision: "allowed" | "confirmed" = "allowed";
    if (prepared.confirm) {
      const answer = await io.confirm(prepared.plan, inv.yes);
      if (answer !== "confirmed") {
        recordDeclined(ctx, prepared, answer);
        throw new OysterError("NotConfirmed", answer === "refused" ? `${cmd.name} changes state: confirm on a terminal or pass --yes` : `${cmd.name} cancelled`);
      }
      decision = "confirmed";
      // What was confirmed is what runs: a plan's pinned words (a host key's fingerprint) bind the run to it.
      const pin = prepared.plan?.pin ?? [];
      if (pin.length > 0) prepared = await prepare(ctx, inv.command, [...inv.words, ...pin], { withPlan: false });
    }
    const result = await execute(ctx, prepared, decision);
    if (inv.json) printJson(out, result.data);
    else {
      const terminal = io.terminal ?? PIPE;
      // help reads no config: its language comes from oyster.json's `locale` alone (else English).
      const locale = cmd.standalone ? (io.standaloneLocale?.() ?? "en") : ctx.config.oyster.locale;
      const view = makeView(locale, terminal.tty ? terminalPaint(terminal.colour) : PLAIN, terminal.columns);
      // Text mode only: a log line or a node's output must not drive the terminal (--json escapes
      // them). Oyster's own colours are put in after that, from markers nothing else can forge.
      out.stdout.write(`${resolvePaint(terminalText(prepared.cmd.text(result.data, view, prepared.args)), terminal.colour)}\n`);
    }
    return result.ok ? 0 : 1;
  } catch (err) {
    return printFailure(out, err, inv.json, io.onCrash);
  }
}

/** An error as the CLI shows it (stderr, or one JSON document with --json), and its exit code. */
export function printFailure(out: Out, err: unknown, json: boolean, onCrash?: (err: unknown) => void): number {
  if (err instanceof ConfigError) {
    printConfigError(out, err, json);
    return err.exitCode;
  }
  const e = toOysterError(err);
  if (e.code === "Internal") onCrash?.(e.cause ?? e);
  printError(out, e, json);
  return e.exitCode;
}
