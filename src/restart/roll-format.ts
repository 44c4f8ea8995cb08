import { exitText, outputs } from "./format.ts";
import { rollPace, rollWhat, rollWhere } from "./roll-describe.ts";
import type { RollData, RollEntry } from "./types.ts";

// Steps are is-active, restart, is-active (see restart-unit.ts): a failure shows the restart's
// own output (systemd's "Job for ... failed" and where to look), as a single restart does.
function entryLines(e: RollEntry): string[] {
  if (e.status === "untouched") return [`${e.node}: ${e.unit} untouched`];
  if (e.error) return [`${e.node}: ${e.unit} FAILED: ${e.error.code}: ${e.error.message}`];
  const head = `${e.node}: ${e.unit} ${e.status === "ok" ? "ok" : "FAILED"} (${e.before ?? "unknown"} -> ${e.after ?? "unknown"})`;
  const restart = e.steps?.[1];
  if (e.status === "ok" || !restart) return [head];
  return [head, `  ${restart.command} -> ${exitText(restart)}`, ...outputs(restart).map((l) => `  ${l}`)];
}

function names(data: RollData, status: RollEntry["status"]): string {
  const list = data.nodes.filter((e) => e.status === status).map((e) => e.node);
  return list.length ? list.join(", ") : "none";
}

/** One line per node in roll order, then who was done, who failed and who was left untouched. */
export function formatRoll(data: RollData): string {
  const { kind, unit } = data.target;
  const daemonUnit = kind === "daemon" ? data.nodes[0]?.unit : undefined;
  const failed = data.nodes.filter((e) => e.status === "failed").map((e) => e.node);
  const outcome = data.ok ? "ok" : `FAILED on ${failed.join(", ")}; the roll stopped there`;
  const head = `restart ${rollWhat(kind, unit, daemonUnit)} on ${rollWhere(data.target, data.nodes.length)}, ${rollPace(data.parallel)}: ${outcome}`;
  const tally = `done: ${names(data, "ok")}; failed: ${names(data, "failed")}; left untouched: ${names(data, "untouched")}`;
  return [head, ...data.nodes.flatMap(entryLines), tally].join("\n");
}
