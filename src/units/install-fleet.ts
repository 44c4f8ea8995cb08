import type { CommandContext } from "../command/types.ts";
import type { Config } from "../config/index.ts";
import { reloadFleet } from "../config/fleet-reload.ts";
import { addServicesToFile } from "../config/nodes-file-write.ts";
import { ConfigError, toOysterError } from "../errors.ts";
import { withNodesFileLock } from "../fleet/nodes-file-lock.ts";
import { NO_PROGRESS, type Progress } from "../progress/progress.ts";
import { trackNodes } from "../progress/track-nodes.ts";
import type { SshTarget } from "../ssh/index.ts";
import { installNode } from "./install-node.ts";
import { nodeUnits, unitDirFor } from "./node-units.ts";
import { loadUnitTemplates, shippedTemplateDir, TEMPLATE_NAMES, type UnitTemplates } from "./templates.ts";
import type { InstallReport, NodeInstall } from "./types.ts";
import { unitValueProblems } from "./unit-value.ts";

export type InstallContext = Pick<CommandContext, "config" | "ssh" | "log" | "env" | "store" | "caller">;

export interface InstallOptions {
  /** Node names, already checked against config. */
  nodes: readonly string[];
  dryRun: boolean;
  /** Where the shipped `*.service.example` templates are; found from this module when absent. */
  shippedDir?: string | null;
  /** Told as each node settles (a live line on a terminal, Slack's reply); nothing when absent. */
  progress?: Progress;
}

export interface PrepareOptions {
  /** Where the shipped `*.service.example` templates are; found from this module when absent. */
  shippedDir?: string | null;
  /** The node's resolved target (nodes.json, then the SSH config), to judge {user} and {dispatchDir} too. */
  target?: (node: string) => Pick<SshTarget, "name" | "user" | "dispatchDir">;
}

/**
 * Everything that can be judged without a node: the templates (unknown placeholders, vars that
 * shadow a built-in, values systemd would read as syntax), each node's unit names and the
 * placeholder values known before connecting ({node}, {user}, {dispatchDir}). Throws
 * ConfigError / UnknownNode (exit 2), so `validate` refuses before any plan, prompt or connection.
 */
export function prepareInstall(config: Config, nodes: readonly string[], opts: PrepareOptions = {}): UnitTemplates {
  const shippedDir = opts.shippedDir === undefined ? (shippedTemplateDir() ?? null) : opts.shippedDir;
  let problems: string[] = [];
  let templates: UnitTemplates | undefined;
  try {
    templates = loadUnitTemplates(config.dir, config.oyster.systemd.vars, shippedDir);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems = [...err.problems];
  }
  for (const n of nodes) {
    nodeUnits(config, n);
    if (!opts.target) continue;
    const t = opts.target(n);
    problems.push(...unitValueProblems({ node: t.name, user: t.user, dispatchDir: t.dispatchDir }, (p) => `node ${n}: {${p}}`));
  }
  if (problems.length > 0 || !templates) throw new ConfigError(problems);
  return templates;
}

/** The units whose file is now on the node, started or not: the guardian should watch them. */
function unitsOnNode(n: NodeInstall): string[] {
  return n.units.filter((u) => u.file === "same" || u.done.includes("installed")).map((u) => u.unit);
}

/**
 * Installs (or, dry, shows) the daemon and watcher units on each node, in parallel through the
 * pool: a down or hung node is reported failed and never holds up the others. Then the units
 * are added to each node's `services` in nodes.json and this process's fleet is reloaded; a
 * running bot notices the file by itself (watchFleet).
 */
export async function installDaemons(ctx: InstallContext, opts: InstallOptions): Promise<InstallReport> {
  const { config } = ctx;
  const templates = prepareInstall(config, opts.nodes, { ...(opts.shippedDir !== undefined ? { shippedDir: opts.shippedDir } : {}), target: (n) => ctx.ssh.target(n) });
  const vars = config.oyster.systemd.vars;
  const progress = trackNodes(opts.progress ?? NO_PROGRESS, opts.dryRun ? "installCompare" : "install", opts.nodes.length);
  const outcomes = await ctx.ssh
    .forEach(opts.nodes, (target) =>
      progress.run(target.name, () =>
        installNode(ctx.ssh, { target, unitDir: unitDirFor(config, target.name), units: nodeUnits(config, target.name), templates, vars, dryRun: opts.dryRun }),
      ),
    )
    .finally(() => progress.end());
  const nodes: NodeInstall[] = outcomes.map((o) =>
    o.ok ? o.value : { node: o.node, status: "failed", unitDir: unitDirFor(config, o.node), units: [], steps: [], error: { code: o.error.code, message: o.error.message } },
  );
  const report: InstallReport = {
    dryRun: opts.dryRun,
    ok: nodes.every((n) => n.status !== "failed"),
    templates: Object.fromEntries(TEMPLATE_NAMES.map((t) => [t, templates[t].file])) as InstallReport["templates"],
    nodes,
  };
  if (!opts.dryRun) await recordServices(ctx, report);
  return report;
}

/** The units each node now has, added to its `services` in nodes.json under the nodes-file lock every writer of the file takes. */
async function recordServices(ctx: InstallContext, report: InstallReport): Promise<void> {
  if (!report.nodes.some((n) => unitsOnNode(n).length > 0)) return;
  let added = false;
  try {
    await withNodesFileLock(ctx.store, { label: ctx.caller.who }, () => record(ctx, report, () => (added = true)));
  } catch (err) {
    const e = toOysterError(err);
    report.servicesError = `${e.code}: ${e.message}`;
    report.ok = false;
    ctx.log.warn({ err: e }, "install-daemon: services not recorded in nodes.json");
  }
  if (added) reloadFleet({ config: ctx.config, ssh: ctx.ssh, log: ctx.log, env: ctx.env });
}

function record(ctx: InstallContext, report: InstallReport, wrote: () => void): void {
  for (const n of report.nodes) {
    const units = unitsOnNode(n);
    if (units.length === 0) continue;
    const r = addServicesToFile(ctx.config.dir, n.node, units, { env: ctx.env });
    if (r.added.length > 0) n.servicesAdded = r.added;
    if (r.written) {
      wrote();
      report.nodesFile = { path: r.written.path, ...(r.written.backup ? { backup: r.written.backup } : {}) };
    }
  }
}
