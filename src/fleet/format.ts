import { table } from "../render/table.ts";
import type { AddData } from "./add-node.ts";
import type { DrainData } from "./drain.ts";
import type { RemoveData } from "./remove-node.ts";

export function addText(d: AddData): string {
  const head = `${d.node} (${d.address}): host key ${d.hostKey.keyType} ${d.hostKey.fingerprint}${d.hostKey.trust === "new" ? " (newly trusted)" : " (already trusted)"}`;
  const steps = table(["STEP", "RESULT", "DETAIL"], d.steps.map((s) => [s.step, s.status.toUpperCase(), s.detail]));
  const findings = d.firstCheck.length
    ? `\nThe guardian's first look at ${d.node} (detect only):\n${table(["CHECK", "RESULT", "DETAIL"], d.firstCheck.map((f) => [f.check, f.status.toUpperCase(), f.detail]))}`
    : "";
  return `${head}\n${steps}${findings}`;
}

export function removeText(d: RemoveData): string {
  const kept = d.nodesFile.backup ? `; previous copy in ${d.nodesFile.backup}` : "";
  const dispatch = d.dispatchState === null ? "" : `\ndispatch.db still lists ${d.node} as ${d.dispatchState} (not changed)`;
  return `removed ${d.node} from ${d.nodesFile.path}${kept}; the node itself was not touched and its history stays${dispatch}`;
}

export function drainText(d: DrainData): string {
  if (d.action === "drain") {
    if (!d.changed) return `${d.node} was already draining${d.record ? ` (drained by ${d.record.by}${d.record.reason ? `: ${d.record.reason}` : ""})` : ""}; nothing changed`;
    return `${d.node}: ${d.from ?? "(no row)"} -> draining in dispatch.db; dispatch sends it no new work${d.record?.reason ? ` (${d.record.reason})` : ""}`;
  }
  if (!d.changed) return `${d.node} is not draining (dispatch.db: ${d.from ?? "no row"}); nothing changed`;
  const held = d.heldFor?.length ? ` (the monitor holds it for ${d.heldFor.join(", ")})` : "";
  return `${d.node}: draining -> ${d.to} in dispatch.db${held}${d.record ? `; drain by ${d.record.by} ended` : ""}`;
}
