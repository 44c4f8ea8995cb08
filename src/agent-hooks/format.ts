import { remoteJoin } from "../ssh/quote.ts";
import { HOOK_FILE, SAVED_FILE } from "./claude-statusline-hook-py.ts";
import { needsWork } from "./decide.ts";
import type { DirReport, HookDecision, HooksReport, NodeHooks } from "./types.ts";

const json = (v: unknown) => JSON.stringify(v ?? null);

/**
 * What changes (or would) in one dir, a line per file. `done` is what a real run wrote: a step
 * that was due but is not in it did not happen (the node's error says why).
 */
export function dirChanges(d: HookDecision, done?: readonly string[]): string[] {
  const verb = (step: string, did: string, would: string) => (done === undefined ? `would ${would}` : done.includes(step) ? did : `NOT ${did}`);
  const out: string[] = [];
  if (d.hook !== "same") out.push(`${verb("hook", d.hook === "new" ? "installed" : "updated", d.hook === "new" ? "install" : "update")} ${remoteJoin(d.path, HOOK_FILE)}`);
  if (d.savePrevious) out.push(`${verb("previous", "saved", "save")} the previous statusLine ${json(d.savePrevious.previous)} in ${remoteJoin(d.path, SAVED_FILE)}`);
  if (d.statusLine.change) out.push(`${verb("settings", "set", "set")} statusLine in ${remoteJoin(d.path, "settings.json")}: ${json(d.statusLine.before)} -> ${json(d.statusLine.after)}`);
  return out;
}

function nodeSummary(n: NodeHooks): string {
  switch (n.status) {
    case "skipped":
      return n.message ?? "skipped";
    case "failed":
      // With dirs, each dir's line says what went wrong there.
      return n.dirs.length === 0 ? `FAILED: ${n.error?.message ?? "unknown"}` : "FAILED";
    case "unchanged":
      return "nothing to change";
    case "would-change":
      return "would change";
    case "changed":
      return "changed";
  }
}

function dirHeading(d: DirReport): string {
  return `  ${d.path} (${d.accounts.join(", ")})`;
}

/** Per node: its status, then per dir what changed or would; a summary line last. */
export function formatHooks(data: HooksReport): string {
  if (data.nodes.length === 0) return "No nodes configured: add them to config/nodes.json (see config/nodes.example.json).";
  const lines: string[] = [];
  if (data.nodes.every((n) => n.status === "skipped")) lines.push("No monitor.agents account with provider claude and source statusline maps to these nodes (config/oyster.json).", "");
  for (const n of data.nodes) {
    lines.push(`${n.node}: ${nodeSummary(n)}`);
    for (const d of n.dirs) {
      if (d.error !== undefined || !needsWork(d)) {
        lines.push(`${dirHeading(d)}: ${d.error ?? "nothing to change"}`);
        continue;
      }
      // A dir that was not sent (a dry run, or a sibling dir refused the node) shows what would change.
      const sent = d.applied === true;
      lines.push(`${dirHeading(d)}:${sent || data.dryRun ? "" : " not changed"}`, ...dirChanges(d, sent ? d.done : undefined).map((l) => `    ${l}`));
      if (d.writeError !== undefined) lines.push(`    FAILED: ${d.writeError}`);
    }
  }
  lines.push("", `${data.dryRun ? "dry run: nothing was written. " : ""}${data.nodes.map((n) => `${n.node} ${n.status}`).join("; ")}`);
  return lines.join("\n");
}
