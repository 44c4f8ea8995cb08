import { NODE_PLACEHOLDER } from "../config/schemas/oyster-sync.ts";
import { restartUnits } from "../restart/index.ts";
import type { SshPool } from "../ssh/index.ts";
import type { NodeSync, UnitRestart } from "./types.ts";

/** One unit restarted on one node, and what `is-active` said around it. */
export interface UnitOutcome {
  ok: boolean;
  before?: string;
  after?: string;
  error?: string;
}

/**
 * Restarts one unit on one node. The seam where sync meets src/restart, so a test or a later
 * change of how units are restarted touches nothing else here.
 */
export type RestartOne = (node: string, unit: string) => Promise<UnitOutcome>;

const firstLine = (text: string) => text.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "";

/**
 * `restart service`'s steps (is-active, `sudo -n systemctl restart`, is-active) over the node's
 * kept connection, through src/restart's `restartUnits`. One unit per call: that function stops a
 * node's list at the first failure, but here every unit is tried (see restartChanged).
 */
export function unitRestarter(ssh: Pick<SshPool, "exec">): RestartOne {
  return async (node, unit) => {
    const [entry] = await restartUnits(ssh, node, [unit]);
    if (!entry) return { ok: false, error: "not restarted" };
    const states = { ...(entry.before !== undefined ? { before: entry.before } : {}), ...(entry.after !== undefined ? { after: entry.after } : {}) };
    if (entry.status === "ok") return { ok: true, ...states };
    // The first is-active could not run (unreachable, timed out): nothing was restarted.
    if (entry.error) return { ok: false, ...states, error: `${entry.error.code}: ${entry.error.message}` };
    const step = entry.steps?.[1];
    const why = step && step.code !== 0 ? firstLine(step.stderr) || (step.timedOut ? "timed out" : `exit ${step.code ?? "unknown"}`) : "not active after the restart";
    return { ok: false, ...states, error: why };
  };
}

/**
 * The units to restart on `node` for the files it had replaced, each once, in the order their
 * files come in `sync.files`. A file the node did not have ("missing") restarts nothing: that is
 * a first push (a new node, before install-daemon), where the unit may not exist yet and nothing
 * running could have loaded the old copy.
 */
export function unitsFor(map: Readonly<Record<string, readonly string[]>>, n: Pick<NodeSync, "node" | "changed" | "reasons">): Array<{ unit: string; files: string[] }> {
  const units = new Map<string, string[]>();
  for (const file of n.changed) {
    if (n.reasons[file] === "missing") continue;
    for (const template of map[file] ?? []) {
      const unit = template.replaceAll(NODE_PLACEHOLDER, n.node);
      const files = units.get(unit) ?? [];
      if (!files.includes(file)) files.push(file);
      units.set(unit, files);
    }
  }
  return [...units].map(([unit, files]) => ({ unit, files }));
}

/**
 * A node's sync result with its `sync.restart` units handled: promised in a dry run, skipped when
 * the sync failed, restarted one at a time after a verified push. Every unit is tried even when
 * one fails (each left on old code is its own harm); any failure fails the node, its files stay.
 */
export async function restartChanged(n: NodeSync, map: Readonly<Record<string, readonly string[]>>, restart: RestartOne): Promise<NodeSync> {
  const planned = unitsFor(map, n);
  if (planned.length === 0) return n;
  if (n.status === "would-change") return { ...n, restarts: planned.map((p) => ({ ...p, status: "would-restart" })) };
  if (n.status !== "changed") return { ...n, restarts: planned.map((p) => ({ ...p, status: "skipped" })) };

  const restarts: UnitRestart[] = [];
  for (const p of planned) {
    const r = await restart(n.node, p.unit);
    const states = { ...(r.before !== undefined ? { before: r.before } : {}), ...(r.after !== undefined ? { after: r.after } : {}) };
    restarts.push({ ...p, status: r.ok ? "restarted" : "failed", ...states, ...(r.error !== undefined ? { error: r.error } : {}) });
  }
  const failed = restarts.filter((r) => r.status === "failed");
  if (failed.length === 0) return { ...n, restarts };
  const what = failed.map((r) => `${r.unit} (now ${r.after ?? "unknown"}: ${r.error ?? "failed"})`).join(", ");
  const message = `${n.node}: ${n.changed.join(", ")} pushed and verified, but the restart of ${what} failed`;
  return { ...n, status: "failed", restarts, error: { code: "CommandFailed", message } };
}
