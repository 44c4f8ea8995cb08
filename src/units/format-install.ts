import { table } from "../render/table.ts";
import type { InstallReport, NodeInstall, UnitReport } from "./types.ts";

const indent = (text: string, by = "    ") => text.trimEnd().split("\n").map((l) => `${by}${l}`).join("\n");

function fileText(u: UnitReport): string {
  return u.file === "same" ? "unchanged" : u.file;
}

function actionText(u: UnitReport, dryRun: boolean): string {
  if (dryRun) {
    const would = [u.file !== "same" ? "install" : "", u.enable ? "enable" : "", u.start ?? ""].filter(Boolean);
    return would.length ? `would ${would.join(", ")}` : "nothing to do";
  }
  if (!u.ok) return `FAILED: ${u.error ?? "unknown"}`;
  return u.done.length ? u.done.join(", ") : "nothing to do";
}

function stateText(u: UnitReport): string {
  return u.activeAfter === u.activeBefore ? u.activeAfter : `${u.activeBefore} -> ${u.activeAfter}`;
}

function nodeSummary(n: NodeInstall, dryRun: boolean): string {
  switch (n.status) {
    case "failed":
      return n.units.length === 0 ? `FAILED: ${n.error?.message ?? "unknown"}` : "FAILED";
    case "unchanged":
      return "nothing to change";
    case "would-change":
      return "would change";
    case "changed":
      return dryRun ? "would change" : "changed";
  }
}

function details(n: NodeInstall, dryRun: boolean): string[] {
  const out: string[] = [];
  for (const u of n.units) {
    if (u.diff) out.push(`${n.node} ${u.unit}.service:`, indent(u.diff));
    if (u.status) out.push(`${n.node} ${u.unit}: systemctl status (last lines):`, indent(u.status));
    if (u.journal) out.push(`${n.node} ${u.unit}: journal (last lines):`, indent(u.journal));
  }
  if (dryRun && n.wouldRun && n.wouldRun.length > 0) out.push(`${n.node}: would run:`, indent(n.wouldRun.join("\n")));
  if (n.servicesAdded?.length) out.push(`${n.node}: added to services in nodes.json: ${n.servicesAdded.join(", ")}`);
  return out;
}

/** A table of node x unit (file, action, state), then diffs, failure tails and the would-run commands. */
export function formatInstall(data: InstallReport): string {
  if (data.nodes.length === 0) return "No nodes configured: add them to config/nodes.json (see config/nodes.example.json).";
  const rows: string[][] = [];
  for (const n of data.nodes) {
    if (n.units.length === 0) rows.push([n.node, "-", "-", nodeSummary(n, data.dryRun), "-"]);
    for (const u of n.units) rows.push([n.node, u.unit, fileText(u), actionText(u, data.dryRun), stateText(u)]);
  }
  const lines = [table(["NODE", "UNIT", "FILE", "ACTION", "STATE"], rows)];
  for (const n of data.nodes) {
    const d = details(n, data.dryRun);
    if (d.length) lines.push("", ...d);
  }
  lines.push("", `templates: ${data.templates["agent-daemon"]}, ${data.templates.watcher}`);
  if (data.servicesError) lines.push(`services not recorded in nodes.json: ${data.servicesError}`);
  const per = data.nodes.map((n) => `${n.node} ${nodeSummary(n, data.dryRun)}`).join("; ");
  lines.push(`${data.dryRun ? "dry run: nothing was sent. " : ""}${per}`);
  return lines.join("\n");
}
