import { z } from "zod";
import { CHECK_NAMES, Ledger, runGuardian, summarize, type CheckName, type GuardianReport } from "../jobs/guardian/index.ts";
import { alertBookFor } from "../src/alerts/alert-book-for.ts";
import { nodeName } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";
import { checkLines } from "../src/grouping/check-lines.ts";
import { checkTable } from "../src/grouping/check-verbose.ts";
import { wrapLine } from "../src/grouping/node-list.ts";
import type { View } from "../src/render/view.ts";
import { codeBlock } from "../src/slack/render/mrkdwn.ts";
import { runRecorded } from "../src/scheduler.ts";

/** How long `oyster check` waits for a guardian run in progress elsewhere before saying "busy". */
const WAIT_FOR_GUARDIAN_MS = 30_000;

const checkName = z.enum(CHECK_NAMES, { message: `not a check; one of ${CHECK_NAMES.join(", ")}` });

interface CheckArgs {
  check: CheckName | undefined;
  node: string | undefined;
  fix: boolean;
  /** Only present when asked for, so an ordinary check's audited arguments stay as they were. */
  rearm?: true;
  /** The per-node table instead of grouped lines: how it is shown, never what runs (nor --json). */
  verbose?: true;
}

/** Names in a list in Slack before "... and N more": a phone shows the line whole. */
export const SLACK_MAX_NAMES = 8;

/** `check --rearm`: what the ledger held before the fix budget was given back. */
export interface RearmData {
  rearmed: { check: string; node: string | null; fixAttemptsBefore: number; failingRuns: number; by: string };
}

const isRearm = (d: GuardianReport | RearmData): d is RearmData => "rearmed" in d;

export const check = defineCommand({
  name: "check",
  // The check names are listed from the one registry, so help always shows what validation accepts.
  summary: `Run the guardian's checks now (${CHECK_NAMES.join(", ")}): each failure once with the nodes it hit, passes counted; --verbose for a line per check per node`,
  usage: "check [--all | <check>] [--node NAME] [--no-fix] [--verbose] [--json] | check --rearm <check> [--node NAME]",
  examples: ["check --no-fix", "check wrapper_version --node node-2", "check --verbose", "check --rearm db_schema --node node-2"],
  options: {
    all: { type: "boolean", description: "every enabled check (the default)" },
    node: { type: "string", description: "only this node" },
    "no-fix": { type: "boolean", description: "detect and report only; change nothing" },
    rearm: { type: "boolean", description: "give an incident its fix budget back after a person fixed the cause (operator, audited)" },
    verbose: { type: "boolean", description: "a line per check per node instead of grouped results (text only; --json is the same)" },
  },
  schema: z
    .object({ _: z.array(checkName).max(1, { message: "give one check name, or --all" }), all: z.boolean().optional(), node: nodeName.optional(), "no-fix": z.boolean().optional(), rearm: z.boolean().optional(), verbose: z.boolean().optional() })
    .refine((a) => !(a.all && a._.length), { message: "give a check name or --all, not both" })
    .refine((a) => !a.rearm || (a._.length === 1 && !a.all && !a["no-fix"]), { message: "--rearm takes one check name (and --node for a node's incident), nothing else", path: ["rearm"] })
    .transform((a): CheckArgs => ({ check: a._[0] as CheckName | undefined, node: a.node, fix: !a["no-fix"], ...(a.rearm ? { rearm: true as const } : {}), ...(a.verbose ? { verbose: true as const } : {}) })),
  // Viewers may look (--no-fix); fixing and rearming are an operator's.
  role: {
    forms: [
      { form: "--no-fix", role: "viewer", example: ["--no-fix"] },
      { form: "fixing (without --no-fix)", role: "operator", example: [] },
      { form: "--rearm", role: "operator", example: ["--rearm", "ssh_connection"] },
    ],
    of: (a: CheckArgs) => (a.fix || a.rearm === true ? "operator" : "viewer"),
  },
  // Fixing changes nodes and state.db, so it is audited; the contract asks no confirmation.
  changesState: (a: CheckArgs) => a.fix || a.rearm === true,
  confirm: false,
  validate(ctx, args) {
    if (args.node) ctx.ssh.target(args.node);
  },
  async run(ctx, args): Promise<{ ok: boolean; data: GuardianReport | RearmData }> {
    if (args.rearm) {
      const node = args.node ?? null;
      const before = new Ledger(ctx.store.db, ctx.now, ctx.config.oyster.guardian.flapMinutes).rearm(args.check!, node, ctx.caller.who);
      if (!before) {
        throw new OysterError("InvalidArgument", `nothing on record for ${args.check}${node ? ` on ${node}` : " (fleet-wide)"}: no incident to rearm${node ? "" : "; a node's incident needs --node"}`, { check: args.check, node });
      }
      ctx.log.info({ check: args.check, node, fixAttemptsBefore: before.fixAttempts }, "fix budget restored");
      return { ok: true, data: { rearmed: { check: args.check!, node, fixAttemptsBefore: before.fixAttempts, failingRuns: before.consecutiveFailures, by: ctx.caller.who } } };
    }
    const deps = { config: ctx.config, ssh: ctx.ssh, store: ctx.store, log: ctx.log, now: ctx.now, dataDir: ctx.dataDir, env: ctx.env, alerts: alertBookFor(ctx) };
    const opts = { fix: args.fix, ...(args.check ? { check: args.check } : {}), ...(args.node ? { node: args.node } : {}) };
    if (!args.fix) {
      const report = await runGuardian(deps, opts);
      return { ok: report.ok, data: report };
    }
    let report: GuardianReport | undefined;
    const outcome = await runRecorded(ctx.store, ctx.log, { job: "guardian", trigger: "manual", owner: ctx.caller.who, waitMs: WAIT_FOR_GUARDIAN_MS }, async () => {
      report = await runGuardian(deps, opts);
      return { ok: report.ok, summary: summarize(report) };
    });
    if (!outcome.ran) throw new OysterError("Busy", outcome.reason);
    if (!report) throw new OysterError("Internal", outcome.result.summary);
    return { ok: report.ok, data: report };
  },
  text(data: GuardianReport | RearmData, view: View, args?: CheckArgs) {
    if (isRearm(data)) return rearmText(data, view);
    if (args?.verbose) return checkTable(data, view);
    const lines = checkLines(data, view);
    // On a terminal a long node list wraps under its line; a pipe keeps one line per group for grep.
    return (view.paint.symbols ? lines.map((l) => wrapLine(l, view.columns)) : lines).join("\n");
  },
  blocks(data: GuardianReport | RearmData, view: View, args?: CheckArgs) {
    const text = isRearm(data) ? rearmText(data, view) : args?.verbose ? checkTable(data, view) : checkLines(data, view, { maxNames: SLACK_MAX_NAMES }).join("\n");
    return [{ type: "section", text: { type: "mrkdwn", text: codeBlock(text, view.t("check.slackCut")) } }];
  },
});

function rearmText(data: RearmData, view: View): string {
  const r = data.rearmed;
  const params = { check: r.check, attempts: r.fixAttemptsBefore, runs: r.failingRuns };
  return r.node ? view.t("check.rearmedNode", { ...params, node: r.node }) : view.t("check.rearmedFleet", params);
}
