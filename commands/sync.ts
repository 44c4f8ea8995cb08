import { z } from "zod";
import { sync as syncJob } from "../jobs/sync/index.ts";
import { nodeName } from "../src/command/arg-schemas.ts";
import { defineCommand } from "../src/command/types.ts";
import { OysterError } from "../src/errors.ts";
import { progressFor } from "../src/progress/for-context.ts";
import { table } from "../src/render/table.ts";
import { runRecorded } from "../src/scheduler.ts";
import { describeNode, summarizeSync, syncFleet, type NodeSync, type SyncReport } from "../src/sync/index.ts";

/** How long `oyster sync` waits for a sync in progress elsewhere (the bot's hourly run) before "busy". */
const WAIT_FOR_SYNC_MS = 30_000;

const RESULT: Record<NodeSync["status"], string> = { changed: "changed", unchanged: "unchanged", "would-change": "would change", failed: "FAILED" };

export const sync = defineCommand({
  name: "sync",
  summary: "Push the dispatch core files (sync.files) to the nodes, only what differs, verified by hash; then restart the units sync.restart maps to a replaced file",
  usage: "sync [node...] [--dry-run] [--json]",
  examples: ["sync --dry-run", "sync node-1 node-2"],
  options: {
    "dry-run": { type: "boolean", description: "hash and compare only: list what would change, send nothing" },
  },
  schema: z
    .object({ _: z.array(nodeName), "dry-run": z.boolean().optional() })
    .transform((a) => ({ nodes: a._, dryRun: a["dry-run"] === true })),
  role: "operator",
  changesState: (a: { dryRun: boolean }) => !a.dryRun,
  // The plan is a dry run (hashes only), so the operator confirms what will really be sent and
  // which units that will restart where.
  validate(ctx, args) {
    for (const n of args.nodes) ctx.ssh.target(n);
  },
  async plan(ctx, args) {
    const report = await syncFleet({ ...ctx, progress: progressFor(ctx) }, { nodes: args.nodes, dryRun: true });
    const files = report.files.join(", ");
    return {
      summary: `sync ${files} from ${ctx.config.oyster.dispatch.dir}: ${summarizeSync(report)}`,
      steps: report.nodes.map((n) => `${n.node}: ${n.status === "failed" ? `cannot compare now (${describeNode(n)})` : describeNode(n)}`),
    };
  },
  async run(ctx, args) {
    if (args.dryRun) {
      const report = await syncFleet({ ...ctx, progress: progressFor(ctx) }, { nodes: args.nodes, dryRun: true });
      return { ok: report.ok, data: report };
    }
    let report: SyncReport | undefined;
    let failure: unknown;
    const outcome = await runRecorded(ctx.store, ctx.log, { job: syncJob.name, trigger: "manual", owner: ctx.caller.who, waitMs: WAIT_FOR_SYNC_MS }, async () => {
      try {
        report = await syncFleet({ ...ctx, progress: progressFor(ctx) }, { nodes: args.nodes, dryRun: false });
      } catch (err) {
        failure = err;
        throw err;
      }
      return { ok: report.ok, summary: summarizeSync(report) };
    });
    if (!outcome.ran) throw new OysterError("Busy", outcome.reason);
    // The run is recorded as failed; the caller still gets the error's own code and exit status.
    if (failure !== undefined) throw failure;
    if (!report) throw new OysterError("Internal", outcome.result.summary);
    return { ok: report.ok, data: report };
  },
  text(data: SyncReport) {
    if (data.nodes.length === 0) return "No nodes configured: add them to config/nodes.json (see config/nodes.example.json).";
    const rows = data.nodes.map((n) => [n.node, RESULT[n.status], describeNode(n)]);
    const note = data.dryRun ? "\ndry run: nothing was sent" : "";
    return `${table(["NODE", "RESULT", "DETAIL"], rows)}${note}\n${summarizeSync(data)}`;
  },
});
