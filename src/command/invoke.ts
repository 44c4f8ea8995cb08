import { OysterError, toOysterError } from "../errors.ts";
import { scrubDeep, scrubError, secretsFor } from "../secrets/index.ts";
import type { AuditDecision } from "../store/index.ts";
import { parseWords, validateArgs } from "./parse-args.ts";
import { quoteWord } from "./quote-word.ts";
import { mayRun, requiredRole } from "./roles.ts";
import { changesState, needsConfirmation, type AnyCommand, type CommandContext, type CommandResult, type Plan } from "./types.ts";

export interface Prepared {
  cmd: AnyCommand;
  args: unknown;
  changes: boolean;
  /** Ask the caller before running (the CLI's y/--yes, Slack's Confirm button). */
  confirm: boolean;
  plan?: Plan;
}

export function findCommand(commands: readonly AnyCommand[], name: string): AnyCommand {
  const cmd = commands.find((c) => c.name === name);
  // Quoted and cut: the name is whatever was typed first (a paste, a NUL, an escape sequence).
  if (!cmd) throw new OysterError("UnknownCommand", `unknown command ${quoteWord(name)}; run "oyster help" for the list`, { command: name.slice(0, 200) });
  return cmd;
}

/**
 * What is audited: every state-changing invocation, and from Slack every invocation at all (a
 * chat channel is a shared place: who asked what is worth keeping even for reads).
 */
function audited(ctx: CommandContext, changes: boolean): boolean {
  return changes || ctx.caller.via === "slack";
}

/**
 * The one gate between what a command produced and everyone who sees it (the CLI's text and
 * --json, Slack, the audit table, anything mailed later): every configured secret value is
 * scrubbed from the result and from errors here, so a command that shows a process's output
 * needs nothing of its own.
 */
function secretsOf(ctx: CommandContext): readonly string[] {
  return ctx.secrets ?? secretsFor(ctx.env, ctx.config);
}

function scrubbed(ctx: CommandContext, err: unknown): OysterError {
  return scrubError(toOysterError(err), secretsOf(ctx));
}

/**
 * Everything before a command runs, in this order: look-up, parsing, the argument schema, the
 * caller's role, the command's own `validate`, and for a state-changing command its plan. The
 * role comes before `validate`: that reads config (known nodes, units, projects, templates) and
 * names what it found in its errors, and a caller who may not run the command learns none of it
 * and touches nothing. A refused attempt is audited (`denied`) wherever it is audited at all.
 */
export async function prepare(ctx: CommandContext, name: string, words: string[], opts: { withPlan?: boolean } = {}): Promise<Prepared> {
  const cmd = findCommand(ctx.commands, name);
  if (ctx.caller.via === "slack" && cmd.slack === false) {
    throw new OysterError("UsageError", `${name} runs from the CLI only (on the controller): oyster ${cmd.usage}`, { command: name });
  }
  const args = validateArgs(cmd, parseWords(cmd, words));
  const changes = changesState(cmd, args);
  const role = requiredRole(cmd, args);
  if (!mayRun(ctx.caller.role, role)) {
    if (audited(ctx, changes)) audit(ctx, cmd, args, "denied");
    throw new OysterError("Unauthorized", `${name} needs the ${role} role; ${ctx.caller.who} is ${ctx.caller.role}`, { command: name, required: role });
  }
  cmd.validate?.(ctx, args);
  // The plan is only built when someone will see it: `--yes` skips the extra round trips.
  let plan: Plan | undefined;
  if (changes && cmd.plan && opts.withPlan !== false && needsConfirmation(cmd, args)) {
    try {
      plan = scrubDeep(await cmd.plan(ctx, args), secretsOf(ctx));
    } catch (err) {
      const e = scrubbed(ctx, err);
      ctx.store.audit.finish(audit(ctx, cmd, args, "refused"), "failed", 0, `${e.code}: ${e.message}`);
      throw e;
    }
  }
  return { cmd, args, changes, confirm: needsConfirmation(cmd, args), ...(plan ? { plan } : {}) };
}

function audit(ctx: CommandContext, cmd: AnyCommand, args: unknown, decision: AuditDecision, confirmedBy?: string): number {
  return ctx.store.audit.start({
    ...(confirmedBy && confirmedBy !== ctx.caller.who ? { confirmedBy } : {}),
    who: ctx.caller.who,
    via: ctx.caller.via,
    ...(ctx.caller.channel ? { channel: ctx.caller.channel } : {}),
    command: cmd.name,
    args: (args ?? {}) as Record<string, unknown>,
    decision,
  });
}

/** A state-changing command that was not confirmed still leaves its trace. */
export function recordDeclined(ctx: CommandContext, prepared: Prepared, decision: "cancelled" | "refused" | "expired", by?: string): void {
  audit(ctx, prepared.cmd, prepared.args, decision, by);
}

/** Runs a prepared command; audited runs are recorded before and after. */
export async function execute(ctx: CommandContext, prepared: Prepared, decision: "allowed" | "confirmed" = "allowed", confirmedBy?: string): Promise<CommandResult<object>> {
  const { cmd, args } = prepared;
  const run = async () => {
    try {
      return scrubDeep(await cmd.run(ctx, args), secretsOf(ctx));
    } catch (err) {
      throw scrubbed(ctx, err);
    }
  };
  if (!audited(ctx, prepared.changes)) return run();
  const id = audit(ctx, cmd, args, decision, confirmedBy);
  const started = performance.now();
  try {
    const result = await run();
    ctx.store.audit.finish(id, result.ok ? "ok" : "failed", performance.now() - started);
    return result;
  } catch (err) {
    const e = toOysterError(err);
    ctx.store.audit.finish(id, "failed", performance.now() - started, `${e.code}: ${e.message}`);
    throw e;
  }
}
