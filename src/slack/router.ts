import type { AnyCommand, CommandContext, Role } from "../command/types.ts";
import { execute, prepare, recordDeclined } from "../command/invoke.ts";
import type { Config } from "../config/index.ts";
import { toOysterError } from "../errors.ts";
import type { Notifier } from "../alerts/types.ts";
import type { Logger } from "../log.ts";
import type { ReportSink } from "../notify/report-sink.ts";
import type { Progress } from "../progress/progress.ts";
import type { SshPool } from "../ssh/index.ts";
import type { Store } from "../store/index.ts";
import { slackRole } from "./authz.ts";
import { Confirmations } from "./confirmations.ts";
import { decisionRefusal, plannedArgs, type DecisionClick } from "./decider.ts";
import { who } from "./render/alert-format.ts";
import { errorReply, noticeReply, planReply, replyFiles, resultReply, type SlackReply } from "./render/messages.ts";
import { escapeMrkdwn } from "./render/mrkdwn.ts";
import { auditSlackDenied, auditSlackPlanned } from "./slack-audit.ts";
import { tokenize } from "./tokenize.ts";

const commandLine = (p: { command: string; words: string[] }) => [p.command, ...p.words].join(" ");

export interface SlackDeps {
  config: Config;
  store: Store;
  ssh: SshPool;
  log: Logger;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  commands: readonly AnyCommand[];
  now: () => Date;
  /** Set once delivery is wired: alerts acked or reports sent from Slack go out like any other. */
  notifier?: Notifier;
  reportSink?: ReportSink;
  /** This request's "working on ..." reply, updated as long work goes on (set per request by the listener). */
  progress?: Progress;
}

/** The command context for a Slack user: `slack:<id>`, their role, the channel they wrote in. */
export function slackContext(deps: SlackDeps, userId: string, channelId: string | undefined, role: Role, cmd: string): CommandContext {
  return {
    config: deps.config, store: deps.store, ssh: deps.ssh, env: deps.env, dataDir: deps.dataDir, commands: deps.commands, now: deps.now,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
    ...(deps.reportSink ? { reportSink: deps.reportSink } : {}),
    ...(deps.progress ? { progress: deps.progress } : {}),
    log: deps.log.child({ cmd, user: `slack:${userId}` }),
    caller: { who: `slack:${userId}`, via: "slack", role, ...(channelId ? { channel: channelId } : {}) },
    sqliteOffThread: true,
  };
}

/** Reads answer the asker; changes are shown to the channel. */
const audience = (changes: boolean): SlackReply["responseType"] => (changes ? "in_channel" : "ephemeral");

/**
 * `/oyster <command> [args]`: the CLI's registry, arguments and checks, with Slack's roles. A
 * viewer's `check` runs with `--no-fix`; a state-changing command answers with its plan and
 * buttons instead of running.
 */
export async function handleSlash(deps: SlackDeps, req: { text: string; userId: string; channelId?: string }): Promise<SlackReply> {
  return runCommandLine(deps, { argv: tokenize(req.text), userId: req.userId, channelId: req.channelId, detectOnlyForViewers: true });
}

export interface CommandLineRequest {
  /** The command line after `/oyster`, as words (never through a shell). */
  argv: string[];
  userId: string;
  channelId?: string;
  /** `/oyster check` typed by a viewer means `--no-fix`; a button runs exactly its own words. */
  detectOnlyForViewers?: boolean;
  /** Every answer, the plan too, goes to the asker alone (a journal, a log). */
  private?: boolean;
}

/**
 * A command line run as if `userId` typed it in `channelId`: their role, the plan with
 * Confirm/Cancel for a state-changing command, the audit. Slash commands and alert buttons share it.
 */
export async function runCommandLine(deps: SlackDeps, req: CommandLineRequest): Promise<SlackReply> {
  const [name = "help", ...rest] = req.argv;
  const privately = (r: SlackReply): SlackReply => (req.private ? { ...r, responseType: "ephemeral" } : r);
  let role: Role;
  try {
    role = slackRole(deps.config, req.userId, req.channelId);
  } catch (err) {
    // Refused before the command layer sees it (a viewer outside slack.allowedChannels): still on record.
    auditSlackDenied(deps.store, { userId: req.userId, channelId: req.channelId, command: name, args: { words: rest } });
    return errorReply(toOysterError(err));
  }
  try {
    // A viewer's check is the detect-only one; `--rearm` is left alone so it is refused by role.
    const detectOnly = req.detectOnlyForViewers && name === "check" && role === "viewer" && !rest.includes("--no-fix") && !rest.includes("--rearm");
    const words = detectOnly ? [...rest, "--no-fix"] : rest;
    const ctx = slackContext(deps, req.userId, req.channelId, role, name);
    const prepared = await prepare(ctx, name, words);
    if (prepared.confirm) {
      // Confirm runs the words with the plan's pin (a host key's fingerprint): exactly what was shown.
      const pinned = [...words, ...(prepared.plan?.pin ?? [])];
      const pending = new Confirmations(deps.store.db, deps.now).create({ requester: req.userId, channel: req.channelId, command: name, words: pinned });
      auditSlackPlanned(deps.store, { userId: req.userId, channelId: req.channelId, command: name, args: prepared.args as Record<string, unknown> });
      return privately(planReply(req.userId, [name, ...words].join(" "), prepared.plan, pending.id, deps.config.oyster.locale));
    }
    const result = await execute(ctx, prepared);
    // A private answer stays in the reply: a file would be uploaded to the whole channel.
    const files = req.private ? undefined : replyFiles(prepared.cmd, result.data, ctx, prepared.args);
    return privately({ ...resultReply(prepared.cmd, result.data, result.ok, audience(prepared.changes), deps.config.oyster.locale, prepared.args), ...(files ? { files } : {}) });
  } catch (err) {
    return errorReply(toOysterError(err));
  }
}

/**
 * A click on Confirm or Cancel. Only the requester or an admin decides; anyone else's click is
 * answered privately (the plan and its buttons stay) and audited; a plan older than 5 minutes has
 * expired. The command is validated again with the requester's current role before it runs.
 */
export async function handleDecision(deps: SlackDeps, click: DecisionClick & { pendingId: string }): Promise<SlackReply> {
  const confirmations = new Confirmations(deps.store.db, deps.now);
  const pending = confirmations.get(click.pendingId);
  if (!pending) return noticeReply("That plan is unknown (or was made by another Oyster).");
  if (pending.status !== "pending") return noticeReply(`That plan was already ${pending.status}.`);
  const refusal = decisionRefusal(deps.config, click, pending);
  if (refusal) {
    auditSlackDenied(deps.store, { userId: click.userId, channelId: click.channelId, command: pending.command, args: plannedArgs(deps.commands, pending) });
    return refusal;
  }
  try {
    const requesterRole = slackRole(deps.config, pending.requester, pending.channel ?? undefined);
    const ctx = slackContext(deps, pending.requester, pending.channel ?? undefined, requesterRole, pending.command);
    const prepared = await prepare(ctx, pending.command, pending.words, { withPlan: false });
    const by = `slack:${click.userId}`;
    if (confirmations.isExpired(pending)) {
      if (confirmations.decide(pending.id, "expired", by)) recordDeclined(ctx, prepared, "expired", by);
      return noticeReply(`This plan expired (plans last 5 minutes): run \`/oyster ${escapeMrkdwn(commandLine(pending))}\` again.`, "in_channel", true);
    }
    const outcome = click.action === "confirm" ? "confirmed" : "cancelled";
    if (!confirmations.decide(pending.id, outcome, by)) return noticeReply("That plan was already decided.");
    if (click.action === "cancel") {
      recordDeclined(ctx, prepared, "cancelled", by);
      return noticeReply(`Cancelled by ${who(by)}: \`/oyster ${escapeMrkdwn(commandLine(pending))}\``, "in_channel", true);
    }
    const result = await execute(ctx, prepared, "confirmed", by);
    return { ...resultReply(prepared.cmd, result.data, result.ok, "in_channel", deps.config.oyster.locale, prepared.args), replaceOriginal: true };
  } catch (err) {
    return { ...errorReply(toOysterError(err)), responseType: "in_channel", replaceOriginal: true };
  }
}
