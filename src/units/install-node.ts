import { createHash } from "node:crypto";
import { OysterError, toOysterError } from "../errors.ts";
import { uploadTempContent, type SshPool, type SshTarget } from "../ssh/index.ts";
import { decideUnit, needsWork } from "./decide.ts";
import { unifiedDiff } from "./line-diff.ts";
import type { NodeUnit } from "./node-units.ts";
import { renderTemplate } from "./placeholders.ts";
import { parseProbe, probeCommand } from "./probe.ts";
import type { UnitTemplates } from "./templates.ts";
import type { InstallStep, NodeInstall, UnitDecision, UnitReport } from "./types.ts";
import { catCommand, DAEMON_RELOAD, enableCommand, installCommand, isActiveCommand, journalCommand, startCommand, statusCommand } from "./unit-commands.ts";

/** Output kept per stream and step: systemd's error lines, not a runaway log. */
const STEP_OUTPUT_BYTES = 16 * 1024;
/** How much of a failed unit's `systemctl status` and journal the report carries. */
const TAIL_LINES = 20;

export interface NodeInstallInput {
  target: SshTarget;
  unitDir: string;
  units: readonly NodeUnit[];
  templates: UnitTemplates;
  vars: Readonly<Record<string, string>>;
  dryRun: boolean;
}

type Ssh = Pick<SshPool, "exec" | "client">;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const tail = (text: string, n = TAIL_LINES) => text.trimEnd().split("\n").slice(-n).join("\n");

/** `~` in a node's dispatch dir is its login user's home there: systemd wants absolute paths. */
function expandRemoteHome(path: string, home: string): string {
  if (path === "~") return home;
  return path.startsWith("~/") ? `${home.replace(/\/$/, "")}/${path.slice(2)}` : path;
}

class NodeRun {
  readonly steps: InstallStep[] = [];
  constructor(private readonly ssh: Ssh, private readonly node: string) {}

  /** Runs one command and records it; a command that cannot finish (timeout, drop) counts as code null. */
  async run(command: string, opts: { rethrow?: boolean } = {}): Promise<InstallStep> {
    let step: InstallStep;
    try {
      const r = await this.ssh.exec(this.node, command, { maxOutputBytes: STEP_OUTPUT_BYTES });
      step = { command, code: r.code, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      if (opts.rethrow) throw err;
      const e = toOysterError(err);
      step = { command, code: null, stdout: "", stderr: `${e.code}: ${e.message}` };
    }
    this.steps.push(step);
    return step;
  }
}

const why = (s: InstallStep) => (s.stderr.trim() || s.stdout.trim() || `exit ${s.code ?? "(did not finish)"}`).split("\n").slice(-3).join(" ");

/** The commands a real run would send for these decisions, for the dry run and the plan. */
export function commandsFor(decisions: readonly UnitDecision[]): string[] {
  const out: string[] = [];
  for (const d of decisions) if (d.file !== "same") out.push(`(upload ${d.unit}.service to ~/.oyster-${d.unit}.<random>.tmp)`, installCommand(`~/.oyster-${d.unit}.<random>.tmp`, d.path));
  if (decisions.some((d) => d.file !== "same")) out.push(DAEMON_RELOAD);
  for (const d of decisions) {
    if (d.enable) out.push(enableCommand(d.unit));
    if (d.start) out.push(startCommand(d.start, d.unit), isActiveCommand(d.unit));
  }
  return out;
}

/**
 * One node: probe (one round trip), render, decide, then only where something differs upload,
 * install, daemon-reload once, enable, start or restart, and verify. A unit that does not come
 * up is reported with its status and journal tails. Throws only when the probe itself fails
 * (nothing changed yet); later failures are reported per unit.
 */
export async function installNode(ssh: Ssh, input: NodeInstallInput): Promise<NodeInstall> {
  const { target, unitDir, units, dryRun } = input;
  const node = target.name;
  const run = new NodeRun(ssh, node);
  // Nothing has changed yet: an SSH failure here (down, hung, re-keyed) is the node's error as it is.
  const probeStep = await run.run(probeCommand(unitDir, units.map((u) => u.unit)), { rethrow: true });
  if (probeStep.code !== 0) throw new OysterError("CommandFailed", `${node}: cannot read the installed units: ${why(probeStep)}`, { node });
  const probe = parseProbe(probeStep.stdout, units.map((u) => u.unit));
  if (!probe.home.startsWith("/")) throw new OysterError("CommandFailed", `${node}: cannot tell the login user's home (got ${JSON.stringify(probe.home)})`, { node });

  const values = { ...input.vars, node, user: target.user, home: probe.home, dispatchDir: expandRemoteHome(target.dispatchDir, probe.home) };
  const rendered = new Map(units.map((u) => [u.unit, renderTemplate(input.templates[u.template].text, values)] as const));
  const decisions = units.map((u, i) => decideUnit(u, `${unitDir.replace(/\/$/, "")}/${u.unit}.service`, sha256(rendered.get(u.unit)!), probe.units[i]!));
  const reports: UnitReport[] = decisions.map((d) => ({ ...d, done: [], activeAfter: d.activeBefore, ok: true }));
  const base = { node, unitDir, units: reports, steps: run.steps };

  if (dryRun) {
    for (const r of reports) {
      if (r.file === "same") continue;
      const before = r.file === "new" ? "" : (await run.run(catCommand(r.path))).stdout;
      r.diff = unifiedDiff(before, rendered.get(r.unit)!, r.file === "new" ? "/dev/null" : r.path, `${r.path} (rendered)`);
    }
    return { ...base, status: decisions.some(needsWork) ? "would-change" : "unchanged", wouldRun: commandsFor(decisions) };
  }
  if (!decisions.some(needsWork)) return { ...base, status: "unchanged" };

  const fail = (r: UnitReport, error: string) => Object.assign(r, { ok: false, error });
  for (const r of reports.filter((x) => x.file !== "same")) {
    try {
      const tmp = await uploadTempContent(ssh, node, rendered.get(r.unit)!, r.unit);
      const step = await run.run(installCommand(tmp, r.path));
      if (step.code === 0) r.done.push("installed");
      else fail(r, `install failed: ${why(step)}`);
    } catch (err) {
      fail(r, `upload failed: ${toOysterError(err).message}`);
    }
  }
  if (reports.some((r) => r.done.includes("installed"))) {
    const reload = await run.run(DAEMON_RELOAD);
    // systemd would still run the old unit definition: starting it now would be a lie.
    if (reload.code !== 0) for (const r of reports) if (r.ok && r.file !== "same") fail(r, `daemon-reload failed: ${why(reload)}`);
  }
  for (const r of reports) {
    if (!r.ok) continue;
    if (r.enable) {
      const step = await run.run(enableCommand(r.unit));
      if (step.code !== 0) {
        fail(r, `enable failed: ${why(step)}`);
        continue;
      }
      r.done.push("enabled");
    }
    if (r.start) await startAndVerify(run, r);
  }
  const ok = reports.every((r) => r.ok);
  return { ...base, status: ok ? "changed" : "failed", ...(ok ? {} : { error: { code: "CommandFailed" as const, message: reports.filter((r) => !r.ok).map((r) => `${r.unit}: ${r.error}`).join("; ") } }) };
}

async function startAndVerify(run: NodeRun, r: UnitReport): Promise<void> {
  const verb = r.start!;
  const start = await run.run(startCommand(verb, r.unit));
  const after = await run.run(isActiveCommand(r.unit));
  r.activeAfter = after.code === null ? "unknown" : after.stdout.trim().split("\n")[0] || "unknown";
  if (start.code === 0) r.done.push(verb === "start" ? "started" : "restarted");
  if (start.code === 0 && r.activeAfter === "active") return;
  r.ok = false;
  r.error = start.code !== 0 ? `${verb} failed: ${why(start)}` : `${verb} returned but the unit is ${r.activeAfter}`;
  const status = await run.run(statusCommand(r.unit));
  const journal = await run.run(journalCommand(r.unit, TAIL_LINES));
  r.status = tail(`${status.stdout}${status.stderr}`);
  r.journal = tail(`${journal.stdout}${journal.stderr}`);
}
